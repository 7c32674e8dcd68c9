// The difficulty horizon (after METR's task-length horizon): fit success against
// log2(difficulty) per cell and report the difficulty at 50% success, with a bootstrap
// interval over tasks.
import { quantile } from "./bootstrap-mean.js";
import { fitLogistic } from "./fit-logistic.js";
import type { BinomialPoint } from "./fit-logistic.js";
import { createSeededRandom } from "./seeded-random.js";
import type { HorizonFit } from "./summary-types.js";

export interface HorizonTask {
  difficulty: number;
  trials: number;
  successes: number;
}

export interface HorizonOptions {
  l2: number;
  resamples: number;
  level: number;
  seed: number;
  label: string;
}

/** Null when fewer than two distinct positive difficulties were observed. */
export function fitHorizon(tasks: readonly HorizonTask[], options: HorizonOptions): HorizonFit | null {
  const points: BinomialPoint[] = tasks
    .filter((task) => task.difficulty > 0 && task.trials > 0)
    .map((task) => ({ x: Math.log2(task.difficulty), trials: task.trials, successes: task.successes }));
  if (points.length < 2) return null;
  let minimum = Infinity;
  let maximum = -Infinity;
  for (const point of points) {
    minimum = Math.min(minimum, point.x);
    maximum = Math.max(maximum, point.x);
  }
  if (maximum === minimum) return null;
  const fit = fitLogistic(points, options.l2);
  const log2Horizon = horizonOf(fit.intercept, fit.slope);

  // Tasks sharing a difficulty are one binomial point after resampling, so each resample's fit
  // runs over the distinct difficulties, not over every task.
  const distinct = [...new Set(points.map((point) => point.x))];
  const binOf = points.map((point) => distinct.indexOf(point.x));
  const binTrials = new Float64Array(distinct.length);
  const binSuccesses = new Float64Array(distinct.length);
  const random = createSeededRandom(options.seed, options.label);
  const draws = new Float64Array(options.resamples);
  for (let index = 0; index < options.resamples; index++) {
    binTrials.fill(0);
    binSuccesses.fill(0);
    for (let draw = 0; draw < points.length; draw++) {
      const picked = Math.floor(random() * points.length);
      binTrials[binOf[picked]!]! += points[picked]!.trials;
      binSuccesses[binOf[picked]!]! += points[picked]!.successes;
    }
    const resample: BinomialPoint[] = [];
    for (let bin = 0; bin < distinct.length; bin++) {
      if (binTrials[bin]! > 0)
        resample.push({ x: distinct[bin]!, trials: binTrials[bin]!, successes: binSuccesses[bin]! });
    }
    const resampled = fitLogistic(resample, options.l2);
    // No decline with difficulty: the horizon is beyond anything observed.
    draws[index] = horizonOf(resampled.intercept, resampled.slope) ?? Infinity;
  }
  draws.sort();
  const tail = (1 - options.level) / 2;
  // null = unbounded above (success never falls to half within reach).
  const toDifficulty = (log2Value: number) =>
    log2Value === -Infinity ? 0 : Number.isFinite(log2Value) ? 2 ** log2Value : null;
  return {
    difficulty: log2Horizon !== null && Number.isFinite(log2Horizon) ? 2 ** log2Horizon : null,
    ci95: [toDifficulty(quantile(draws, tail)), toDifficulty(quantile(draws, 1 - tail))],
    slope: fit.slope,
    tasks: points.length,
    extrapolated: log2Horizon === null || log2Horizon < minimum || log2Horizon > maximum,
    observedRange: [2 ** minimum, 2 ** maximum],
  };
}

/** log2 difficulty at 50% success; null when success does not fall with difficulty. */
function horizonOf(intercept: number, slope: number): number | null {
  if (!(slope < -1e-9)) return null;
  const value = -intercept / slope;
  // Beyond 2^60 the number means "never" for any practical difficulty.
  return Math.abs(value) > 60 ? (value > 0 ? Infinity : -Infinity) : value;
}
