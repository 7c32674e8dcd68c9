import { bootstrapMean, percentileInterval } from "./bootstrap-mean.js";
import { normalQuantile } from "./normal-quantile.js";
import { pairedTest } from "./paired-test.js";
import { minimumDetectableEffect } from "./power.js";
import type { Interval } from "./summary-types.js";

export interface PairedComparison {
  /** Tasks present in both sides. */
  tasks: number;
  meanA: number;
  meanB: number;
  /** Mean over the shared tasks of A − B. */
  difference: number;
  /** Paired-bootstrap interval of the difference at `level`. */
  ci: Interval;
  level: number;
  /**
   * The interval excludes zero, and the paired test agrees at the same level: a zero-width
   * interval or too few tasks that moved is never significant.
   */
  significant: boolean;
  /** Minimum detectable difference at this level, 80% power (or `power`). */
  mde: number | null;
  /** Tasks whose difference is not zero. */
  discordant: number;
}

export interface PairedComparisonOptions {
  seed: number;
  resamples: number;
  /** Names the random stream. */
  label: string;
  /** Default 0.95. */
  level?: number;
  /**
   * `percentile` (default) reads the interval off the bootstrap distribution. `normal` uses
   * the bootstrap standard error (with the n/(n−1) correction) and a normal quantile: stable
   * at the extreme levels that multiple-comparison corrections ask for.
   */
  method?: "percentile" | "normal";
  /** Power at which `mde` is stated (default 0.8). */
  power?: number;
}

/**
 * Compares two sets of per-task values (e.g. two harnesses on the same model, or one harness
 * at two tiers) over the tasks they share: the tasks are resampled together, so task
 * difficulty cancels out. Null when they share no task.
 */
export function comparePaired(
  valuesA: Readonly<Record<string, number>>,
  valuesB: Readonly<Record<string, number>>,
  options: PairedComparisonOptions,
): PairedComparison | null {
  const differences: number[] = [];
  let totalA = 0;
  let totalB = 0;
  let binary = true;
  for (const taskId of Object.keys(valuesA).sort()) {
    const valueB = valuesB[taskId];
    if (valueB === undefined) continue;
    const valueA = valuesA[taskId]!;
    totalA += valueA;
    totalB += valueB;
    if ((valueA !== 0 && valueA !== 1) || (valueB !== 0 && valueB !== 1)) binary = false;
    differences.push(valueA - valueB);
  }
  if (differences.length === 0) return null;
  const level = options.level ?? 0.95;
  const bootstrap = bootstrapMean(differences, options);
  const ci =
    options.method === "normal"
      ? normalInterval(bootstrap.estimate, bootstrap.distribution, differences.length, level)
      : percentileInterval(bootstrap.distribution, level);
  const test = pairedTest({
    values: differences,
    claim: bootstrap.estimate < 0 ? "less" : "greater",
    boundary: 0,
    binary,
  });
  const tail = (1 - level) / 2;
  return {
    tasks: differences.length,
    meanA: totalA / differences.length,
    meanB: totalB / differences.length,
    difference: bootstrap.estimate,
    ci,
    level,
    significant: (ci[0] > 0 || ci[1] < 0) && ci[1] > ci[0] && test.pValue <= tail,
    mde: minimumDetectableEffect(test.standardError, { alpha: tail, power: options.power ?? 0.8 }, test.df),
    discordant: test.supporting + test.opposing,
  };
}

/** Every value is 0 or 1 (single-epoch pass/fail, or epochs that all agreed). */
export function isBinaryValues(values: Readonly<Record<string, number>>): boolean {
  for (const value of Object.values(values)) if (value !== 0 && value !== 1) return false;
  return true;
}

/** Per-task A − B over the shared tasks, e.g. a per-task gain between two tiers. */
export function pairedDifferences(
  valuesA: Readonly<Record<string, number>>,
  valuesB: Readonly<Record<string, number>>,
): Record<string, number> {
  const differences: Record<string, number> = {};
  for (const [taskId, valueA] of Object.entries(valuesA)) {
    const valueB = valuesB[taskId];
    if (valueB !== undefined) differences[taskId] = valueA - valueB;
  }
  return differences;
}

function normalInterval(estimate: number, distribution: Float64Array, count: number, level: number): Interval {
  let sum = 0;
  for (const value of distribution) sum += value;
  const mean = sum / distribution.length;
  let squares = 0;
  for (const value of distribution) squares += (value - mean) ** 2;
  const standardError =
    Math.sqrt(squares / Math.max(1, distribution.length - 1)) * (count > 1 ? Math.sqrt(count / (count - 1)) : 1);
  const half = normalQuantile(1 - (1 - level) / 2) * standardError;
  return [estimate - half, estimate + half];
}
