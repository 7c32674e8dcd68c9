import { createSeededRandom } from "../random/seeded-random.js";
import type { Interval } from "./summary-types.js";

export interface BootstrapOptions {
  seed: number;
  resamples: number;
  /** Names the random stream (e.g. the cell key), so each bootstrap is reproducible on its own. */
  label: string;
}

export interface BootstrapResult {
  estimate: number;
  /** Sorted means of the resamples. */
  distribution: Float64Array;
}

/**
 * Nonparametric bootstrap of the mean: the values are per-task (tasks are the clusters; epochs
 * were reduced inside a task before this), resampled with replacement.
 */
export function bootstrapMean(values: ArrayLike<number>, options: BootstrapOptions): BootstrapResult {
  const count = values.length;
  if (count === 0) throw new Error("bootstrapMean: no values");
  let total = 0;
  for (let index = 0; index < count; index++) total += values[index]!;
  const estimate = total / count;
  const distribution = new Float64Array(options.resamples);
  if (count === 1) {
    distribution.fill(estimate);
    return { estimate, distribution };
  }
  const random = createSeededRandom(options.seed, options.label);
  for (let resample = 0; resample < options.resamples; resample++) {
    let sum = 0;
    for (let draw = 0; draw < count; draw++) sum += values[Math.floor(random() * count)]!;
    distribution[resample] = sum / count;
  }
  distribution.sort();
  return { estimate, distribution };
}

/** Two-sided percentile interval at `level` (e.g. 0.95), linear interpolation between order statistics. */
export function percentileInterval(sortedDistribution: Float64Array, level: number): Interval {
  const tail = (1 - level) / 2;
  return [quantile(sortedDistribution, tail), quantile(sortedDistribution, 1 - tail)];
}

export function quantile(sorted: ArrayLike<number>, probability: number): number {
  const count = sorted.length;
  if (count === 0) return Number.NaN;
  const position = (count - 1) * Math.min(1, Math.max(0, probability));
  const lower = Math.floor(position);
  const upper = Math.min(count - 1, lower + 1);
  const lowerValue = sorted[lower]!;
  const upperValue = sorted[upper]!;
  if (lowerValue === upperValue) return lowerValue;
  // Infinite values (e.g. "no horizon" resamples) do not interpolate: take the nearer one.
  if (!Number.isFinite(lowerValue) || !Number.isFinite(upperValue))
    return position - lower < 0.5 ? lowerValue : upperValue;
  return lowerValue + (upperValue - lowerValue) * (position - lower);
}
