import { z } from "zod";
import { UsageError } from "../errors.js";
import { formatZodIssues } from "../format-zod-issues.js";
import type { AnalysisOptions } from "./summary-types.js";

/**
 * Documented defaults. Flags test at a family-wise alpha of 0.05 per suite, split evenly over
 * the suite's harnesses, so noise alone raises a flag in at most about 5% of runs.
 */
export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = {
  seed: 0,
  resamples: 1000,
  level: 0.95,
  baselineHarness: "prompt",
  reducer: "mean",
  k: 1,
  thresholds: {
    alpha: 0.05,
    gainFloor: 0.05,
    ceilingLimitShare: 0.5,
    dominatedCostRatio: 0.5,
  },
  horizon: { l2: 1, resamples: 200 },
};

/** The `analysis` section of a config (every key optional; unknown keys are errors). */
export const analysisOptionsSchema = z.strictObject({
  seed: z.number().optional(),
  resamples: z.number().int().min(1).optional(),
  level: z.number().gt(0).lt(1).optional(),
  baselineHarness: z.string().min(1).optional(),
  reducer: z.enum(["mean", "pass@k", "pass^k"]).optional(),
  k: z.number().int().min(1).optional(),
  thresholds: z
    .strictObject({
      alpha: z.number().gt(0).lt(1).optional(),
      gainFloor: z.number().min(0).max(1).optional(),
      ceilingLimitShare: z.number().min(0).max(1).optional(),
      dominatedCostRatio: z.number().gt(0).max(1).optional(),
    })
    .optional(),
  horizon: z
    .strictObject({ l2: z.number().min(0).optional(), resamples: z.number().int().min(1).optional() })
    .optional(),
});

export type AnalysisOptionsInput = z.infer<typeof analysisOptionsSchema>;

/** Validates an `analysis` section; problems name `source` (the file) and the field. */
export function parseAnalysisOptions(input: unknown, source: string, fieldPrefix = "analysis"): AnalysisOptionsInput {
  const parsed = analysisOptionsSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  throw new UsageError(formatZodIssues(source, parsed.error, { prefix: fieldPrefix }));
}

export function resolveAnalysisOptions(
  ...layers: (AnalysisOptionsInput | Partial<AnalysisOptions> | undefined)[]
): AnalysisOptions {
  let resolved: AnalysisOptions = structuredClone(DEFAULT_ANALYSIS_OPTIONS);
  for (const layer of layers) {
    if (!layer) continue;
    const { thresholds, horizon, ...rest } = layer;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    resolved = {
      ...resolved,
      ...defined,
      thresholds: { ...resolved.thresholds, ...definedOnly(thresholds) },
      horizon: { ...resolved.horizon, ...definedOnly(horizon) },
    };
  }
  checkAnalysisOptions(resolved);
  return resolved;
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

function checkAnalysisOptions(options: AnalysisOptions): void {
  const problem = (field: string, message: string) => new UsageError(`analysis.${field}: ${message}`);
  if (!Number.isInteger(options.resamples) || options.resamples < 1)
    throw problem("resamples", "must be a positive integer");
  if (!Number.isInteger(options.horizon.resamples) || options.horizon.resamples < 1)
    throw problem("horizon.resamples", "must be a positive integer");
  if (!(options.level > 0 && options.level < 1)) throw problem("level", "must be between 0 and 1");
  if (!["mean", "pass@k", "pass^k"].includes(options.reducer))
    throw problem("reducer", 'must be "mean", "pass@k" or "pass^k"');
  if (!Number.isInteger(options.k) || options.k < 1) throw problem("k", "must be a positive integer");
  if (!Number.isFinite(options.seed)) throw problem("seed", "must be a number");
  const { alpha, gainFloor, ceilingLimitShare, dominatedCostRatio } = options.thresholds;
  if (!(alpha > 0 && alpha < 1)) throw problem("thresholds.alpha", "must be between 0 and 1");
  if (!(gainFloor >= 0 && gainFloor <= 1)) throw problem("thresholds.gainFloor", "must be between 0 and 1");
  if (!(ceilingLimitShare >= 0 && ceilingLimitShare <= 1))
    throw problem("thresholds.ceilingLimitShare", "must be between 0 and 1");
  if (!(dominatedCostRatio > 0 && dominatedCostRatio <= 1))
    throw problem("thresholds.dominatedCostRatio", "must be in (0, 1]");
  if (!(options.horizon.l2 >= 0)) throw problem("horizon.l2", "must be zero or positive");
}
