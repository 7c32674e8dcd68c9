import { existsSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import { TIERS, type Tier } from "../types.js";
import { splitOutsideBrackets } from "./split-outside-brackets.js";

/** One completions file and the labels of its lines that carry none of their own. */
export interface CompletionsFileSpec {
  path: string;
  harness?: string;
  model?: string;
  tier?: Tier;
  /** The member holding the answer (default `completion`; e.g. `solution`). */
  field?: string;
}

const KEYS = ["harness", "model", "tier", "completion"] as const;

/**
 * `FILE` or `FILE[harness=prompt,model=starcoder,tier=low,completion=solution]` (as `--completions`
 * takes it): the labels apply to the file's lines that do not carry their own, and `completion=`
 * names the member holding the answer. A path that exists as written is a plain file name.
 */
export function parseCompletionsFileSpec(text: string, baseDir: string): CompletionsFileSpec {
  const open = text.indexOf("[");
  if (open <= 0 || !text.endsWith("]") || existsSync(path.resolve(baseDir, text))) return { path: text };
  const spec: CompletionsFileSpec = { path: text.slice(0, open) };
  for (const pair of splitOutsideBrackets(text.slice(open + 1, -1))) {
    const equals = pair.indexOf("=");
    const key = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    if (equals <= 0 || value === "")
      throw new UsageError(`--completions "${text}": "${pair}" must be key=value (keys: ${KEYS.join(", ")})`);
    if (key === "tier") {
      if (!TIERS.includes(value as Tier))
        throw new UsageError(`--completions "${text}": tier: must be one of ${TIERS.join(", ")}, got "${value}"`);
      spec.tier = value as Tier;
    } else if (key === "harness" || key === "model") spec[key] = value;
    else if (key === "completion") spec.field = value;
    else throw new UsageError(`--completions "${text}": unknown key "${key}" (keys: ${KEYS.join(", ")})`);
  }
  return spec;
}
