// The difficulty horizon (after METR's task-length horizon): fit success against
// log2(difficulty) per cell and report the difficulty at 50% success, with a bootstrap
// interval over tasks (families, then tasks, when tasks declare one). A 50% point outside the
// observed difficulties is censored, never extrapolated: "below the easiest task" when even
// the easiest tasks mostly fail, "above the hardest task" when even the hardest mostly pass.
import { quantile } from "./bootstrap-mean.js";
import { fitLogistic } from "./fit-logistic.js";
import type { BinomialPoint } from "./fit-logistic.js";
import { createWeightDrawer } from "./joint-bootstrap.js";
import type { HorizonFit } from "./summary-types.js";

export interface HorizonTask {
  difficulty: number;
  trials: number;
  successes: number;
  /** The task's family: resampled as a unit. */
  family?: string | undefined;
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
  const usable = tasks.filter((task) => task.difficulty > 0 && task.trials > 0);
  const points: BinomialPoint[] = usable.map((task) => ({
    x: Math.log2(task.difficulty),
    trials: task.trials,
    successes: task.successes,
  }));
  if (points.length < 2) return null;
  let minimum = Infinity;
  let maximum = -Infinity;
  for (const point of points) {
    minimum = Math.min(minimum, point.x);
    maximum = Math.max(maximum, point.x);
  }
  if (maximum === minimum) return null;
  // The penalty is on the slope per standard deviation of log2 difficulty, so it means the same
  // whatever the difficulty's units and spread; its weight against the data falls as trials grow.
  const penalty = options.l2 * weightedVariance(points);
  const fit = fitLogistic(points, penalty);
  const estimate = censor(fit.intercept, fit.slope, minimum, maximum);

  // Tasks sharing a difficulty are one binomial point after resampling, so each resample's fit
  // runs over the distinct difficulties, not over every task.
  const distinct = [...new Set(points.map((point) => point.x))];
  const binOf = points.map((point) => distinct.indexOf(point.x));
  const binTrials = new Float64Array(distinct.length);
  const binSuccesses = new Float64Array(distinct.length);
  const drawWeights = createWeightDrawer(
    {
      taskIds: usable.map((_, index) => String(index)),
      families: usable.some((task) => task.family !== undefined) ? usable.map((task) => task.family) : null,
    },
    { seed: options.seed, resamples: options.resamples, label: options.label },
  );
  const draws = new Float64Array(options.resamples);
  for (let index = 0; index < options.resamples; index++) {
    binTrials.fill(0);
    binSuccesses.fill(0);
    const weights = drawWeights();
    for (let point = 0; point < points.length; point++) {
      const weight = weights[point]!;
      if (weight === 0) continue;
      binTrials[binOf[point]!]! += weight * points[point]!.trials;
      binSuccesses[binOf[point]!]! += weight * points[point]!.successes;
    }
    const resample: BinomialPoint[] = [];
    for (let bin = 0; bin < distinct.length; bin++) {
      if (binTrials[bin]! > 0)
        resample.push({ x: distinct[bin]!, trials: binTrials[bin]!, successes: binSuccesses[bin]! });
    }
    const resampled = fitLogistic(resample, options.l2 * weightedVariance(resample));
    const value = censor(resampled.intercept, resampled.slope, minimum, maximum);
    draws[index] = value.censored === "below" ? -Infinity : value.censored === "above" ? Infinity : value.log2!;
  }
  draws.sort();
  const tail = (1 - options.level) / 2;
  // 0 = below the easiest task, null = above the hardest.
  const toDifficulty = (log2Value: number) =>
    log2Value === -Infinity ? 0 : Number.isFinite(log2Value) ? 2 ** log2Value : null;
  return {
    difficulty: estimate.log2 === null ? null : 2 ** estimate.log2,
    censored: estimate.censored,
    ci95: [toDifficulty(quantile(draws, tail)), toDifficulty(quantile(draws, 1 - tail))],
    slope: fit.slope,
    tasks: points.length,
    extrapolated: estimate.censored !== null,
    observedRange: [2 ** minimum, 2 ** maximum],
  };
}

/**
 * The log2 difficulty at 50% success when it lies in [minimum, maximum]; otherwise which side
 * it is censored on, read off the fitted success at the ends of the observed range.
 */
function censor(
  intercept: number,
  slope: number,
  minimum: number,
  maximum: number,
): { log2: number | null; censored: "below" | "above" | null } {
  const logit = (x: number) => intercept + slope * x;
  if (logit(minimum) < 0 && logit(maximum) < 0) return { log2: null, censored: "below" };
  if (logit(minimum) > 0 && logit(maximum) > 0) return { log2: null, censored: "above" };
  if (!(Math.abs(slope) > 1e-12)) return { log2: null, censored: logit(minimum) >= 0 ? "above" : "below" };
  const value = -intercept / slope;
  // Success rising with difficulty (a positive slope crossing 50%) has no horizon in this sense:
  // the harder tasks pass, so the reach extends past the hardest.
  if (slope > 0) return { log2: null, censored: "above" };
  return { log2: Math.min(maximum, Math.max(minimum, value)), censored: null };
}

function weightedVariance(points: readonly BinomialPoint[]): number {
  let weight = 0;
  let sum = 0;
  for (const point of points) {
    weight += point.trials;
    sum += point.trials * point.x;
  }
  if (!(weight > 0)) return 1;
  const mean = sum / weight;
  let squares = 0;
  for (const point of points) squares += point.trials * (point.x - mean) ** 2;
  const variance = squares / weight;
  return variance > 1e-12 ? variance : 1;
}
