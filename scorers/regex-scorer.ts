import { UsageError } from "../src/errors.js";
import type { Scorer } from "../src/types.js";
import { clip, expectedList, normalizeText } from "./normalize-text.js";

/** Extracts with a pattern (a capture group, default 1, else the whole match), then compares. */
export function regexScorer(
  options: { pattern: string; flags?: string; group?: number; caseSensitive?: boolean },
  where = "scorer",
): Scorer {
  let pattern: RegExp;
  try {
    pattern = new RegExp(options.pattern, options.flags ?? "");
  } catch (error) {
    throw new UsageError(`${where}.pattern: invalid regular expression: ${(error as Error).message}`);
  }
  return {
    name: "regex",
    score({ task, answer }) {
      const match = pattern.exec(answer);
      if (!match)
        return {
          value: 0,
          pass: false,
          explanation: `pattern /${options.pattern}/ found nothing in "${clip(answer)}"`,
        };
      const extracted = match[options.group ?? (match.length > 1 ? 1 : 0)] ?? "";
      const got = normalizeText(extracted, options);
      const expected = expectedList(task.expected);
      const pass = expected.some((value) => normalizeText(value, options) === got);
      return {
        value: pass ? 1 : 0,
        pass,
        explanation: pass
          ? `extracted "${clip(got)}"`
          : `extracted "${clip(got)}", expected "${clip(expected.join(" | "))}"`,
      };
    },
  };
}
