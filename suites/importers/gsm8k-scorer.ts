import type { Scorer } from "../../src/types.js";

const NUMBER = /-?\d[\d,]*(?:\.\d+)?|-?\.\d+/g;
/** A line that states the final answer: `A: …` (the published GSM8K model solutions) or `#### …`. */
const FINAL_LINE = /(?:^|\n)[ \t]*(?:A:|####)([^\n]*)/g;

/**
 * GSM8K's final-answer check: the first number on the last `A:` / `####` line (else the last
 * number anywhere, else the number after "answer is"), commas removed, compared numerically.
 * On the published model solutions this reproduces the upstream `is_correct` labels exactly.
 */
export function gsm8kScorer(): Scorer {
  return {
    name: "gsm8k",
    score({ task, answer }) {
      const expected = Number(String(task.expected).replace(/,/g, ""));
      const got = finalAnswer(answer);
      if (got === null) return { value: 0, pass: false, explanation: "no final number in the answer" };
      const pass = Math.abs(got - expected) < 1e-9;
      return { value: pass ? 1 : 0, pass, explanation: pass ? `${got} matches` : `got ${got}, expected ${expected}` };
    },
  };
}

export function finalAnswer(text: string): number | null {
  const finalLines = [...text.matchAll(FINAL_LINE)];
  const stated = /answer is[^\n\d-]*(-?[\d,]*\.?\d+)/gi;
  const statedMatches = [...text.matchAll(stated)];
  const segment =
    finalLines.length > 0
      ? finalLines[finalLines.length - 1]![1]!
      : statedMatches.length > 0
        ? statedMatches[statedMatches.length - 1]![1]!
        : null;
  const numbers = (segment ?? text).match(NUMBER);
  if (!numbers || numbers.length === 0) return null;
  const picked = segment !== null ? numbers[0]! : numbers[numbers.length - 1]!;
  const value = Number(picked.replace(/,/g, ""));
  return Number.isFinite(value) ? value : null;
}
