import { UsageError } from "../../errors.js";

const NON_FINITE = ["-Infinity", "Infinity", "NaN"];

/**
 * JSON as Inspect writes it: Python's encoder writes the non-finite floats `NaN`, `Infinity`
 * and `-Infinity` as bare tokens (an unscored sample's value is NaN), which JSON.parse refuses.
 * They become null, which the importer reads as "no value".
 */
export function parseInspectJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    try {
      return JSON.parse(replaceNonFinite(text));
    } catch {
      throw new UsageError(`${what}: not valid JSON (${error.message})`);
    }
  }
}

function replaceNonFinite(text: string): string {
  let out = "";
  let start = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      continue;
    }
    if (char !== "N" && char !== "I" && char !== "-") continue;
    const token = NON_FINITE.find((candidate) => text.startsWith(candidate, index));
    if (!token) continue;
    out += `${text.slice(start, index)}null`;
    index += token.length - 1;
    start = index + 1;
  }
  return out + text.slice(start);
}
