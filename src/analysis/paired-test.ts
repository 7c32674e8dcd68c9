// One-sided tests of a claim about the mean of a per-task contrast (e.g. top − bottom tier, or a
// difference of gains), with tasks as the unit. The claim is "mean < boundary" or "mean >
// boundary"; the p-value is the evidence for it. Three methods:
// - exact sign test (McNemar on the discordant tasks) for a difference of two binary arms
//   against 0;
// - Tango's score test for a difference of two binary arms against a margin: the variance comes
//   from the null, so tasks that all agree still give a finite, honest statistic;
// - otherwise Student's t on the task means, with cluster-robust standard errors when tasks
//   come in families (df = families − 1).
// Guards: no significance from a zero-width spread, and never more significance than an exact
// sign test could give from the tasks that support the claim (0.5^supporting).
import { binomialUpperTail, normalCdf, studentTCdf } from "./distributions.js";

export type Claim = "less" | "greater";

export interface PairedTestInput {
  /** Per-task values of the contrast; NaN entries (tasks one arm lacks) are left out. */
  values: ArrayLike<number>;
  /** Per-task family number (same length as values), or null when tasks are independent. */
  clusters?: ArrayLike<number> | null;
  claim: Claim;
  /** The claim is about the mean relative to this value (a margin, or 0). */
  boundary: number;
  /** The contrast is a difference of two 0/1 arms, so every value is −1, 0 or 1. */
  binary: boolean;
}

export type PairedTestMethod = "exact-sign" | "score" | "t" | "none";

export interface PairedTest {
  method: PairedTestMethod;
  tasks: number;
  /** Families (clusters); equals tasks when there are none. */
  clusters: number;
  estimate: number;
  /** Standard error of the mean (under the null for the score test; cluster-robust when clustered). */
  standardError: number;
  /** Degrees of freedom of the reference distribution (Infinity: normal). */
  df: number;
  /** One-sided p-value of the claim. */
  pValue: number;
  /** Tasks on the claim's side of the boundary, and on the other side. */
  supporting: number;
  opposing: number;
}

export function pairedTest(input: PairedTestInput): PairedTest {
  const present = compact(input.values, input.clusters ?? null);
  const { values } = present;
  const { claim, boundary } = input;
  const count = values.length;
  let sum = 0;
  let supporting = 0;
  let opposing = 0;
  for (let index = 0; index < count; index++) {
    const value = values[index]!;
    sum += value;
    const side = Math.abs(value - boundary) < 1e-12 ? 0 : value < boundary ? -1 : 1;
    if (side === (claim === "less" ? -1 : 1)) supporting++;
    else if (side !== 0) opposing++;
  }
  const base = { tasks: count, supporting, opposing };
  if (count === 0)
    return { ...base, method: "none", clusters: 0, estimate: Number.NaN, standardError: 0, df: 0, pValue: 1 };
  const estimate = sum / count;
  const clustered = clusterSums(values, present.clusters, estimate);
  const supportBound = 0.5 ** supporting;

  if (input.binary && !clustered) {
    const plus = countEqual(values, 1);
    const minus = countEqual(values, -1);
    const sampleSe = Math.sqrt(Math.max(0, (plus + minus) / count - estimate * estimate) / count);
    if (boundary === 0) {
      const discordant = plus + minus;
      const hits = claim === "greater" ? plus : minus;
      const pValue = discordant === 0 ? 1 : binomialUpperTail(hits, discordant, 0.5);
      return {
        ...base,
        method: "exact-sign",
        clusters: count,
        estimate,
        standardError: sampleSe,
        df: Infinity,
        pValue,
      };
    }
    const score = tangoScore(plus, minus, count, boundary);
    const pValue = Math.max(supportBound, claim === "less" ? normalCdf(score.z) : 1 - normalCdf(score.z));
    return { ...base, method: "score", clusters: count, estimate, standardError: score.se, df: Infinity, pValue };
  }

  let standardError: number;
  let df: number;
  let clusterCount = count;
  if (clustered) {
    clusterCount = clustered.count;
    standardError = clustered.standardError;
    df = clustered.count - 1;
  } else {
    let squares = 0;
    for (let index = 0; index < count; index++) squares += (values[index]! - estimate) ** 2;
    standardError = count > 1 ? Math.sqrt(squares / (count - 1) / count) : 0;
    df = count - 1;
  }
  // Per-task values on a grid of step g (epoch means of 0/1 scores) cannot have a variance below
  // the grid's around a boundary that is off the grid: a floor for degenerate samples.
  const floorVariance = boundary === 0 ? 0 : gridVarianceFloor(values, boundary);
  standardError = Math.max(standardError, Math.sqrt(floorVariance / count));
  if (!(standardError > 0) || df < 1) {
    const allSupport = supporting === count;
    return {
      ...base,
      method: "t",
      clusters: clusterCount,
      estimate,
      standardError,
      df,
      pValue: allSupport ? supportBound : 1,
    };
  }
  const statistic = (estimate - boundary) / standardError;
  const tail = claim === "less" ? studentTCdf(statistic, df) : 1 - studentTCdf(statistic, df);
  return {
    ...base,
    method: "t",
    clusters: clusterCount,
    estimate,
    standardError,
    df,
    pValue: Math.max(supportBound, tail),
  };
}

function compact(
  values: ArrayLike<number>,
  clusters: ArrayLike<number> | null,
): { values: ArrayLike<number>; clusters: ArrayLike<number> | null } {
  let missing = 0;
  for (let index = 0; index < values.length; index++) if (Number.isNaN(values[index]!)) missing++;
  if (missing === 0) return { values, clusters };
  const kept = new Float64Array(values.length - missing);
  const keptClusters = clusters ? new Int32Array(kept.length) : null;
  let at = 0;
  for (let index = 0; index < values.length; index++) {
    if (Number.isNaN(values[index]!)) continue;
    if (keptClusters) keptClusters[at] = clusters![index]!;
    kept[at++] = values[index]!;
  }
  return { values: kept, clusters: keptClusters };
}

function countEqual(values: ArrayLike<number>, target: number): number {
  let total = 0;
  for (let index = 0; index < values.length; index++) if (values[index] === target) total++;
  return total;
}

/**
 * Tango (1998): H0 p₊ − p₋ = δ for paired binary outcomes, with the variance at the restricted
 * maximum-likelihood p₋ under H0. Negative margins are the mirror image.
 */
export function tangoScore(plus: number, minus: number, count: number, margin: number): { z: number; se: number } {
  if (margin < 0) {
    const mirrored = tangoScore(minus, plus, count, -margin);
    return { z: -mirrored.z, se: mirrored.se };
  }
  const a = 2 * count;
  const b = -(plus + minus) + margin * (2 * count - plus + minus);
  const c = -minus * margin * (1 - margin);
  const restrictedMinus = (-b + Math.sqrt(Math.max(0, b * b - 4 * a * c))) / (2 * a);
  const variance = 2 * restrictedMinus + margin * (1 - margin);
  const se = Math.sqrt(Math.max(variance, 1e-12) / count);
  return { z: (plus - minus - count * margin) / (count * se), se };
}

/** Cluster-robust (CR1) standard error of the mean; null when every task is its own cluster. */
function clusterSums(
  values: ArrayLike<number>,
  clusters: ArrayLike<number> | null,
  mean: number,
): { count: number; standardError: number } | null {
  if (!clusters) return null;
  const sums = new Map<number, { total: number; size: number }>();
  for (let index = 0; index < values.length; index++) {
    const key = clusters[index]!;
    const entry = sums.get(key) ?? { total: 0, size: 0 };
    entry.total += values[index]!;
    entry.size++;
    sums.set(key, entry);
  }
  if (sums.size === values.length) return null;
  let squares = 0;
  for (const { total, size } of sums.values()) squares += (total - size * mean) ** 2;
  const count = sums.size;
  const n = values.length;
  const variance = count > 1 ? ((count / (count - 1)) * squares) / (n * n) : 0;
  return { count, standardError: Math.sqrt(variance) };
}

/** The least variance values on their grid (step 1/k, k ≤ 64) can have with mean `boundary`. */
export function gridVarianceFloor(values: ArrayLike<number>, boundary: number): number {
  const step = gridStep(values);
  if (step === 0) return 0;
  const below = Math.floor(boundary / step + 1e-9) * step;
  const above = below + step;
  if (Math.abs(boundary - below) < 1e-9 || Math.abs(above - boundary) < 1e-9) return 0;
  return (boundary - below) * (above - boundary);
}

function gridStep(values: ArrayLike<number>): number {
  for (let denominator = 1; denominator <= 64; denominator++) {
    let onGrid = true;
    for (let index = 0; index < values.length && onGrid; index++) {
      const scaled = values[index]! * denominator;
      if (Math.abs(scaled - Math.round(scaled)) > 1e-9) onGrid = false;
    }
    if (onGrid) return 1 / denominator;
  }
  return 0;
}
