import type { Scorer } from "../src/types.js";
import { clip, expectedList } from "./normalize-text.js";

export interface NumericOptions {
  /** Absolute tolerance. Default 1e-6. */
  tolerance?: number;
  /** Relative tolerance (fraction of the expected value). Default 0. */
  relativeTolerance?: number;
  /** Which number to take: the last (default), the first, or the one after "answer:"/"####" (else the last). */
  extract?: "last" | "first" | "answer";
}

const NUMBER = /-?\$?\d[\d,]*(?:\.\d+)?|-?\.\d+/g;

export function parseNumber(text: string): number | null {
  const cleaned = text.replace(/[$,\s]/g, "");
  if (cleaned === "" || cleaned === "-") return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

export function extractNumber(answer: string, mode: NumericOptions["extract"] = "last"): number | null {
  let text = answer;
  if (mode === "answer") {
    const marker = /(?:answer\s*(?:is)?\s*[:=]?|####)\s*([^\n]*)/gi;
    let last: RegExpExecArray | null = null;
    for (let match = marker.exec(answer); match; match = marker.exec(answer)) last = match;
    if (last?.[1] && NUMBER.test(last[1])) text = last[1];
    NUMBER.lastIndex = 0;
  }
  const matches = text.match(NUMBER);
  if (!matches || matches.length === 0) return null;
  const picked =
    mode === "first" || (mode === "answer" && text !== answer) ? matches[0]! : matches[matches.length - 1]!;
  return parseNumber(picked);
}

/** Extracts the final number of the answer and compares it with tolerance. */
export function numericScorer(options: NumericOptions = {}): Scorer {
  const tolerance = options.tolerance ?? 1e-6;
  const relative = options.relativeTolerance ?? 0;
  return {
    name: "numeric",
    score({ task, answer }) {
      const got = extractNumber(answer, options.extract);
      const expected = expectedList(task.expected)
        .map(parseNumber)
        .filter((value): value is number => value !== null);
      if (got === null) return { value: 0, pass: false, explanation: `no number in "${clip(answer)}"` };
      const pass = expected.some((value) => Math.abs(got - value) <= Math.max(tolerance, relative * Math.abs(value)));
      return {
        value: pass ? 1 : 0,
        pass,
        explanation: pass ? `${got} matches` : `got ${got}, expected ${expected.join(" | ")}`,
      };
    },
  };
}
