import { describe, expect, it } from "vitest";
import { bootstrapMean, percentileInterval, quantile } from "../src/analysis/bootstrap-mean.js";
import { fitHorizon } from "../src/analysis/difficulty-horizon.js";
import { fitLogistic } from "../src/analysis/fit-logistic.js";
import { comparePaired } from "../src/analysis/paired-comparison.js";
import { passAtK, passHatK } from "../src/analysis/pass-at-k.js";
import { reduceEpochs } from "../src/analysis/reduce-epochs.js";
import { createSeededRandom } from "../src/random/seeded-random.js";

function binomial(n: number, k: number): bigint {
  let result = 1n;
  for (let index = 1; index <= k; index++) result = (result * BigInt(n - k + index)) / BigInt(index);
  return result;
}

describe("pass@k and pass^k", () => {
  it("matches hand-computed cases", () => {
    expect(passAtK(5, 2, 1)).toBeCloseTo(0.4, 12);
    expect(passAtK(5, 2, 2)).toBeCloseTo(1 - 3 / 10, 12); // 1 − C(3,2)/C(5,2)
    expect(passAtK(5, 0, 3)).toBe(0);
    expect(passAtK(5, 3, 3)).toBe(1); // n − c < k: some draw must pass
    expect(passHatK(5, 3, 2)).toBeCloseTo(3 / 10, 12); // C(3,2)/C(5,2)
    expect(passHatK(5, 1, 2)).toBe(0);
    expect(passHatK(4, 4, 4)).toBe(1);
  });

  it("stays exact for large n where the binomials overflow doubles", () => {
    const n = 1000,
      c = 10,
      k = 100;
    // C(990,100)/C(1000,100) with exact integers, scaled to 15 digits.
    const ratio = Number((binomial(n - c, k) * 10n ** 15n) / binomial(n, k)) / 1e15;
    expect(passAtK(n, c, k)).toBeCloseTo(1 - ratio, 10);
    expect(Number.isFinite(passAtK(100_000, 50_000, 100))).toBe(true);
  });

  it("rejects k > n", () => {
    expect(() => passAtK(3, 1, 10)).toThrow(RangeError);
  });

  it("reduces epochs with each reducer", () => {
    const task = { scored: 4, passed: 1, valueSum: 1.5, errors: 1, difficulty: undefined, family: undefined };
    expect(reduceEpochs(task, "mean", 1)).toBeCloseTo(0.375, 12);
    expect(reduceEpochs(task, "pass@k", 2)).toBeCloseTo(1 - 3 / 6, 12);
    expect(reduceEpochs(task, "pass^k", 1)).toBeCloseTo(0.25, 12);
    expect(reduceEpochs(task, "pass@k", 8)).toBeCloseTo(1 - 0.75 ** 8, 12); // plug-in when n < k
    expect(reduceEpochs({ ...task, scored: 0 }, "mean", 1)).toBeNull();
  });
});

describe("bootstrap", () => {
  it("is deterministic for a seed and label, and differs across labels", () => {
    const values = Array.from({ length: 30 }, (_, index) => ((index * 7) % 10) / 10);
    const first = bootstrapMean(values, { seed: 1, resamples: 500, label: "a" });
    const again = bootstrapMean(values, { seed: 1, resamples: 500, label: "a" });
    const other = bootstrapMean(values, { seed: 1, resamples: 500, label: "b" });
    expect(Array.from(again.distribution)).toEqual(Array.from(first.distribution));
    expect(Array.from(other.distribution)).not.toEqual(Array.from(first.distribution));
    expect(first.estimate).toBeCloseTo(values.reduce((a, b) => a + b) / values.length, 12);
  });

  it("gives a degenerate interval for one task and interpolates quantiles", () => {
    const single = bootstrapMean([0.7], { seed: 1, resamples: 100, label: "x" });
    expect(percentileInterval(single.distribution, 0.95)).toEqual([0.7, 0.7]);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
  });

  it("has about the normal-theory width and covers the truth at about the nominal rate", () => {
    let covered = 0;
    let widthRatioSum = 0;
    const trials = 100;
    for (let trial = 0; trial < trials; trial++) {
      const random = createSeededRandom(trial, "coverage");
      const values = Array.from({ length: 200 }, () => (random() < 0.3 ? 1 : 0));
      const result = bootstrapMean(values, { seed: trial, resamples: 1000, label: "c" });
      const [low, high] = percentileInterval(result.distribution, 0.95);
      if (low <= 0.3 && 0.3 <= high) covered++;
      const mean = result.estimate;
      widthRatioSum += (high - low) / (2 * 1.96 * Math.sqrt((mean * (1 - mean)) / 200));
    }
    expect(covered).toBeGreaterThanOrEqual(88);
    expect(widthRatioSum / trials).toBeGreaterThan(0.9);
    expect(widthRatioSum / trials).toBeLessThan(1.1);
  });
});

describe("paired comparison", () => {
  it("pairs over the shared tasks only", () => {
    const result = comparePaired(
      { a: 1, b: 1, c: 0 },
      { a: 0, b: 1, c: 0, d: 1 },
      { seed: 1, resamples: 1000, label: "p" },
    )!;
    expect(result.tasks).toBe(3);
    expect(result.meanA).toBeCloseTo(2 / 3, 12);
    expect(result.meanB).toBeCloseTo(1 / 3, 12);
    expect(result.difference).toBeCloseTo(1 / 3, 12);
    expect(result.ci[0]).toBeGreaterThanOrEqual(0); // every per-task difference is ≥ 0
    expect(result.ci[1]).toBeLessThanOrEqual(1);
    expect(comparePaired({ a: 1 }, { b: 1 }, { seed: 1, resamples: 10, label: "p" })).toBeNull();
  });

  it("is more precise than an unpaired comparison when tasks differ a lot", () => {
    const a: Record<string, number> = {};
    const b: Record<string, number> = {};
    for (let index = 0; index < 50; index++) {
      const base = (index % 10) / 10;
      a[`t${index}`] = Math.min(1, base + 0.1);
      b[`t${index}`] = base;
    }
    const result = comparePaired(a, b, { seed: 2, resamples: 1000, label: "q" })!;
    expect(result.significant).toBe(true);
    expect(result.ci[1] - result.ci[0]).toBeLessThan(0.05);
  });
});

describe("logistic horizon", () => {
  it("recovers a known curve", () => {
    // p = σ(3 − 1.5·log2 d): 50% at log2 d = 2, i.e. difficulty 4.
    const points = [1, 2, 4, 8, 16, 32].map((difficulty) => {
      const p = 1 / (1 + Math.exp(-(3 - 1.5 * Math.log2(difficulty))));
      return { x: Math.log2(difficulty), trials: 10_000, successes: Math.round(10_000 * p) };
    });
    const fit = fitLogistic(points, 0);
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(3, 1);
    expect(fit.slope).toBeCloseTo(-1.5, 1);
    const horizon = fitHorizon(
      points.map((point) => ({ difficulty: 2 ** point.x, trials: point.trials, successes: point.successes })),
      { l2: 0.01, resamples: 100, level: 0.95, seed: 1, label: "h" },
    )!;
    expect(horizon.difficulty).toBeCloseTo(4, 1);
    expect(horizon.ci95[0]!).toBeLessThanOrEqual(horizon.difficulty!);
    expect(horizon.ci95[1]!).toBeGreaterThanOrEqual(horizon.difficulty!);
    expect(horizon.extrapolated).toBe(false);
  });

  it("stays finite on separable data and reports no horizon when success does not fall", () => {
    const allPass = [1, 2, 4, 8].map((difficulty) => ({ difficulty, trials: 5, successes: 5 }));
    const fit = fitHorizon(allPass, { l2: 1, resamples: 50, level: 0.95, seed: 1, label: "s" })!;
    expect(fit.difficulty).toBeNull();
    expect(fit.extrapolated).toBe(true);
    const separable = [1, 2, 4, 8].map((difficulty) => ({ difficulty, trials: 5, successes: difficulty <= 2 ? 5 : 0 }));
    const sharp = fitHorizon(separable, { l2: 1, resamples: 50, level: 0.95, seed: 1, label: "s" })!;
    expect(sharp.difficulty).toBeGreaterThan(2);
    expect(sharp.difficulty).toBeLessThan(4);
    expect(
      fitHorizon([{ difficulty: 3, trials: 4, successes: 2 }], {
        l2: 1,
        resamples: 10,
        level: 0.95,
        seed: 1,
        label: "s",
      }),
    ).toBeNull();
  });
});
