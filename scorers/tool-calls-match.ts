import type { ParsedCall } from "./tool-calls-python.js";

/** An expected call: for each argument, the values allowed (`""` among them: may be omitted). */
export interface ExpectedCall {
  name: string;
  arguments: Record<string, unknown[]>;
}

/** Provider-safe tool name: BFCL's `math.factorial` is offered to models as `math_factorial`. */
export function toolName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "_");
}

/**
 * Why a call does not match an expected call, or null when it does (BFCL's AST check: same
 * name, no unknown argument, every given argument among the allowed values, every argument
 * that cannot be omitted given). Strings compare after BFCL's standardization.
 */
export function callMismatch(call: ParsedCall, expected: ExpectedCall): string | null {
  if (toolName(call.name) !== toolName(expected.name)) return `called ${call.name} instead of ${expected.name}`;
  for (const [key, value] of Object.entries(call.arguments)) {
    const allowed = expected.arguments[key];
    if (!allowed) return `${expected.name}: unexpected argument ${key}`;
    if (!allowed.some((option) => valueMatches(value, option))) {
      return `${expected.name}.${key}: got ${JSON.stringify(value)}, allowed ${JSON.stringify(allowed.filter((option) => option !== ""))}`;
    }
  }
  for (const [key, allowed] of Object.entries(expected.arguments)) {
    if (!(key in call.arguments) && !allowed.includes("")) return `${expected.name}: missing argument ${key}`;
  }
  return null;
}

function valueMatches(value: unknown, expected: unknown): boolean {
  if (typeof expected === "string") return typeof value === "string" && standardize(value) === standardize(expected);
  if (typeof expected === "number") return typeof value === "number" && value === expected;
  if (expected === null || typeof expected === "boolean") return value === expected;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(value) &&
      value.length === expected.length &&
      value.every((item, index) => valueMatches(item, expected[index]))
    );
  }
  if (typeof expected === "object") {
    // A dict's expected form gives allowed values per key, like a call's arguments.
    if (!value || typeof value !== "object" || Array.isArray(value)) return false;
    const allowedByKey = Object.fromEntries(
      Object.entries(expected).map(([key, allowed]) => [key, Array.isArray(allowed) ? allowed : [allowed]]),
    );
    const record = value as Record<string, unknown>;
    return (
      Object.entries(record).every(
        ([key, item]) => allowedByKey[key]?.some((option) => valueMatches(item, option)) ?? false,
      ) && Object.entries(allowedByKey).every(([key, allowed]) => key in record || allowed.includes(""))
    );
  }
  return false;
}

/** BFCL's string standardization: drop spaces and `,./-_*^`, lowercase, single → double quotes. */
function standardize(text: string): string {
  return text
    .replace(/[ ,./\-_*^]/g, "")
    .toLowerCase()
    .replace(/'/g, '"');
}

/**
 * Pairs every expected call with a distinct actual call (order does not matter: parallel
 * calls). Returns null when all pair up, else the reason for the first expected call left over.
 */
export function matchCalls(calls: ParsedCall[], expected: ExpectedCall[]): string | null {
  if (calls.length !== expected.length) {
    return `expected ${expected.length} call${expected.length === 1 ? "" : "s"} (${expected.map((call) => call.name).join(", ") || "none"}), got ${calls.length}${calls.length ? ` (${calls.map((call) => call.name).join(", ")})` : ""}`;
  }
  const fits = expected.map((want) => calls.map((call) => callMismatch(call, want) === null));
  const owner: (number | null)[] = calls.map(() => null);
  const assign = (wantIndex: number, seen: boolean[]): boolean => {
    for (let callIndex = 0; callIndex < calls.length; callIndex += 1) {
      if (!fits[wantIndex]![callIndex] || seen[callIndex]) continue;
      seen[callIndex] = true;
      const current = owner[callIndex]!;
      if (current === null || assign(current, seen)) {
        owner[callIndex] = wantIndex;
        return true;
      }
    }
    return false;
  };
  for (let wantIndex = 0; wantIndex < expected.length; wantIndex += 1) {
    if (
      assign(
        wantIndex,
        calls.map(() => false),
      )
    )
      continue;
    const want = expected[wantIndex]!;
    // Explain with a same-named call no other expected call took, if there is one.
    const free = calls.filter((_, callIndex) => owner[callIndex] === null);
    const sameName = [...free, ...calls].filter((call) => toolName(call.name) === toolName(want.name));
    return sameName.length > 0 ? callMismatch(sameName[0]!, want)! : `no call to ${want.name}`;
  }
  return null;
}
