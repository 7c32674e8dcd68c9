import type { Scorer } from "../src/types.js";
import { clip, expectedList, normalizeText, type NormalizeOptions } from "./normalize-text.js";

/** The whole answer equals an expected value after normalization (case, whitespace, punctuation). */
export function exactScorer(options: NormalizeOptions = {}): Scorer {
  return {
    name: "exact",
    score({ task, answer }) {
      const got = normalizeText(answer, options);
      const expected = expectedList(task.expected);
      const pass = expected.some((value) => normalizeText(value, options) === got);
      return {
        value: pass ? 1 : 0,
        pass,
        explanation: pass ? `matched "${clip(got)}"` : `expected "${clip(expected.join(" | "))}", got "${clip(got)}"`,
      };
    },
  };
}
