import type { InspectScoreValue } from "./inspect-log-types.js";

export type ConvertedScoreValue =
  | { status: "scored"; value: number; pass: boolean }
  /** No value (NaN, null, a missing key): kept as an unscored sample, never a pass. */
  | { status: "unscored"; reason: string }
  /** A value capbench cannot put on [0, 1]: the import stops and names the sample. */
  | { status: "invalid"; reason: string };

/**
 * An Inspect score value on capbench's [0, 1] scale, after Inspect's own `value_to_float`:
 * `C` → 1, `P` → 0.5, `I` and `N` → 0; booleans and "yes"/"no"/"true"/"false" → 1/0; numbers
 * and numeric strings as they are (they must lie in [0, 1]). A sample passes only at 1.
 * A list or dict value: `key` picks one entry of a dict; without a key the value is the mean of
 * the entries and the sample passes only when every entry does.
 */
export function convertScoreValue(value: InspectScoreValue | undefined, key?: string): ConvertedScoreValue {
  if (value === null || value === undefined) return { status: "unscored", reason: "the value is NaN or missing" };
  if (Array.isArray(value) || (typeof value === "object" && value !== null)) {
    if (key !== undefined) {
      if (Array.isArray(value)) return { status: "invalid", reason: `a list value has no key "${key}"` };
      if (!(key in value)) return { status: "unscored", reason: `the value has no key "${key}"` };
      return convertScalar(value[key]);
    }
    const parts = (Array.isArray(value) ? value : Object.values(value)).map(convertScalar);
    if (parts.length === 0) return { status: "unscored", reason: "the value is empty" };
    const failed = parts.find((part) => part.status !== "scored");
    if (failed) return failed;
    const scored = parts as Extract<ConvertedScoreValue, { status: "scored" }>[];
    return {
      status: "scored",
      value: scored.reduce((sum, part) => sum + part.value, 0) / scored.length,
      pass: scored.every((part) => part.pass),
    };
  }
  if (key !== undefined) return { status: "invalid", reason: `a ${typeof value} value has no key "${key}"` };
  return convertScalar(value);
}

function convertScalar(value: string | number | boolean | null | undefined): ConvertedScoreValue {
  if (value === null || value === undefined) return { status: "unscored", reason: "the value is NaN or missing" };
  if (typeof value === "boolean") return { status: "scored", value: value ? 1 : 0, pass: value };
  if (typeof value === "number") return fromNumber(value, String(value));
  switch (value) {
    case "C":
      return { status: "scored", value: 1, pass: true };
    case "P":
      return { status: "scored", value: 0.5, pass: false };
    case "I":
    case "N":
      return { status: "scored", value: 0, pass: false };
  }
  const lower = value.trim().toLowerCase();
  if (lower === "yes" || lower === "true") return { status: "scored", value: 1, pass: true };
  if (lower === "no" || lower === "false") return { status: "scored", value: 0, pass: false };
  if (lower === "nan") return { status: "unscored", reason: "the value is NaN" };
  if (lower !== "" && Number.isFinite(Number(lower))) return fromNumber(Number(lower), JSON.stringify(value));
  return { status: "invalid", reason: `${JSON.stringify(value)} is not a score (C, I, P, N, a boolean or a number)` };
}

function fromNumber(value: number, shown: string): ConvertedScoreValue {
  if (Number.isNaN(value)) return { status: "unscored", reason: "the value is NaN" };
  if (!Number.isFinite(value) || value < 0 || value > 1)
    return { status: "invalid", reason: `${shown} is outside [0, 1]` };
  return { status: "scored", value, pass: value >= 1 };
}
