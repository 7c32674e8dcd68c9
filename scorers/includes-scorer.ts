import type { Scorer } from "../src/types.js";
import { clip, expectedList, normalizeText } from "./normalize-text.js";

/** The answer contains an expected value. */
export function includesScorer(options: { caseSensitive?: boolean } = {}): Scorer {
  return {
    name: "includes",
    score({ task, answer }) {
      const got = normalizeText(answer, options);
      const expected = expectedList(task.expected);
      const found = expected.find((value) => got.includes(normalizeText(value, options)));
      const pass = found !== undefined;
      return {
        value: pass ? 1 : 0,
        pass,
        explanation: pass ? `found "${clip(found)}"` : `"${clip(expected.join(" | "))}" not in "${clip(got)}"`,
      };
    },
  };
}
