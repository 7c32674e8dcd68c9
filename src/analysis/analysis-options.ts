import { z } from "zod";
import { UsageError } from "../errors.js";
import { formatZodIssues } from "../format-zod-issues.js";
import type { AnalysisOptions } from "./summary-types.js";

/**
 * Documented defaults (docs/statistics.md). Flags are tests of their claims with the family-wise
 * error held at alpha = 0.05 over every flag test of the run (Holm). "No gain" means a gain from
 * the bottom to the top tier below gainMargin = 0.15; "as good as" means at most scoreMargin =
 * 0.10 worse. Minimum detectable effects are stated at 80% power.
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
    gainMargin: 0.15,
    scoreMargin: 0.1,
    ceilingLimitShare: 0.5,
    dominatedCostRatio: 0.5,
    power: 0.8,
    errorHeavyShare: 0.1,
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
      gainMargin: z.number().gt(0).lt(1).optional(),
      scoreMargin: z.number().gt(0).lt(1).optional(),
      ceilingLimitShare: z.number().min(0).max(1).optional(),
      dominatedCostRatio: z.number().gt(0).max(1).optional(),
      power: z.number().gt(0).lt(1).optional(),
      errorHeavyShare: z.number().min(0).max(1).optional(),
    })
    .optional(),
  horizon: z
    .strictObject({ l2: z.number().min(0).optional(), resamples: z.number().int().min(1).optional() })
    .optional(),
});

export type AnalysisOptionsInput = z.infer<typeof analysisOptionsSchema>;

/** Validates an `analysis` section; problems name `source` (the file) and the field. */
export function parseAnalysisOptions(input: unknown, source: string, fieldPrefix = "analysis"): AnalysisOptionsInput {
  const thresholds = (input as { thresholds?: Record<string, unknown> } | null | undefined)?.thresholds;
  if (thresholds && typeof thresholds === "object" && "gainFloor" in thresholds)
    throw new UsageError(
      `${source}: ${fieldPrefix}.thresholds.gainFloor: replaced by gainMargin, the equivalence margin of "no gain" (default 0.15); see docs/statistics.md`,
    );
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
  const { alpha, gainMargin, scoreMargin, ceilingLimitShare, dominatedCostRatio, power, errorHeavyShare } =
    options.thresholds;
  if (!(alpha > 0 && alpha < 1)) throw problem("thresholds.alpha", "must be between 0 and 1");
  if (!(gainMargin > 0 && gainMargin < 1)) throw problem("thresholds.gainMargin", "must be between 0 and 1");
  if (!(scoreMargin > 0 && scoreMargin < 1)) throw problem("thresholds.scoreMargin", "must be between 0 and 1");
  if (!(power > 0 && power < 1)) throw problem("thresholds.power", "must be between 0 and 1");
  if (!(errorHeavyShare >= 0 && errorHeavyShare <= 1))
    throw problem("thresholds.errorHeavyShare", "must be between 0 and 1");
  if (!(ceilingLimitShare >= 0 && ceilingLimitShare <= 1))
    throw problem("thresholds.ceilingLimitShare", "must be between 0 and 1");
  if (!(dominatedCostRatio > 0 && dominatedCostRatio <= 1))
    throw problem("thresholds.dominatedCostRatio", "must be in (0, 1]");
  if (!(options.horizon.l2 >= 0)) throw problem("horizon.l2", "must be zero or positive");
}
