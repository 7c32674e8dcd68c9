import { z } from "zod";
import { UsageError } from "../errors.js";
import { parseOrThrow } from "../format-zod-issues.js";
import type { Harness, HarnessOptionCheckContext, HarnessOptionKind } from "../types.js";

const anyOptions = z.record(z.string(), z.string());

function optionSchema(kind: HarnessOptionKind): z.ZodType<string> {
  if (kind === "integer") return z.string().regex(/^\d+$/, "must be a whole number ≥ 0");
  if (kind === "string") return z.string().min(1, "must not be empty");
  return z.enum(kind as [string, ...string[]]);
}

function isZodSchema(value: unknown): value is z.ZodType<Record<string, string>> {
  return typeof value === "object" && value !== null && "_zod" in value;
}

/**
 * The zod schema of a harness's variant options (all optional, unknown keys refused), from its
 * declaration; a harness that declares none accepts any options.
 */
export function harnessOptionsSchema(harness: Harness): z.ZodType<Record<string, string>> {
  const declared = harness.options;
  if (!declared) return anyOptions;
  if (isZodSchema(declared)) return declared;
  const shape = Object.fromEntries(
    Object.entries(declared).map(([name, kind]) => [name, optionSchema(kind).optional()]),
  );
  return z.strictObject(shape) as unknown as z.ZodType<Record<string, string>>;
}

/**
 * Checks variant options against what the harness declares, and its own check against the
 * config; throws a UsageError naming where the harness was given and the option.
 */
export function checkHarnessOptions(
  harness: Harness,
  options: Record<string, string>,
  where: string,
  context: HarnessOptionCheckContext = { workflows: {} },
): void {
  parseOrThrow(harnessOptionsSchema(harness), options, where, "options");
  const problem = harness.checkOptions?.(options, context);
  if (problem) throw new UsageError(`${where}: ${problem}`);
}
