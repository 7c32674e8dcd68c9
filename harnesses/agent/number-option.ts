import { UsageError } from "../../src/errors.js";

/** A positive integer variant option, e.g. `maxTurns` in `agent[maxTurns=8]`; the fallback when absent. */
export function numberOption(options: Record<string, string>, name: string, fallback: number, harness: string): number {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new UsageError(`harness ${harness}[${name}=${raw}]: ${name} must be a whole number ≥ 0`);
  return value;
}
