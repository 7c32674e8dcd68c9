import { describe, expect, it } from "vitest";
import { binomialUpperTail, incompleteBeta, normalCdf, studentTCdf, studentTQuantile } from "./distributions.js";
import { holmAdjust } from "./holm.js";
import { pairedTest, tangoScore } from "./paired-test.js";
import { epochsForTarget, minimumDetectableEffect, tasksForTarget } from "./power.js";
import { createSeededRandom } from "../random/seeded-random.js";

describe("distributions", () => {
  it("match reference values (R: pnorm, pt, qt, pbinom)", () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(-5)).toBeCloseTo(2.866515718791939e-7, 18);
    expect(normalCdf(-8) / 6.22096057427178e-16).toBeCloseTo(1, 8);
    expect(studentTCdf(2.015048372669157, 5)).toBeCloseTo(0.95, 10);
    expect(studentTCdf(-3.579400148, 19)).toBeCloseTo(0.001, 8);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 8);
    expect(studentTQuantile(0.2, 3)).toBeCloseTo(-0.9784723, 6);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959964, 5);
    // P(X ≥ 8 | n = 10, p = 0.5) = 56/1024
    expect(binomialUpperTail(8, 10, 0.5)).toBeCloseTo(56 / 1024, 12);
    expect(binomialUpperTail(0, 10, 0.5)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.5)).toBe(0);
    expect(incompleteBeta(0.3, 2, 3)).toBeCloseTo(0.3483, 4);
  });
});

describe("Holm", () => {
  it("adjusts step-down and keeps the order monotone", () => {
    expect(holmAdjust([0.01, 0.04, 0.03, 0.005])).toEqual([0.03, 0.06, 0.06, 0.02]);
    expect(holmAdjust([])).toEqual([]);
    expect(holmAdjust([0.9, 0.3])).toEqual([0.9, 0.6]);
  });
});

describe("paired tests", () => {
  it("uses the exact sign test on binary data and needs enough discordant tasks", () => {
    const twoDrops = [-1, -1, 0, 0, 0, 0, 0, 0, 0, 0];
    const test = pairedTest({ values: twoDrops, claim: "less", boundary: 0, binary: true });
    expect(test.method).toBe("exact-sign");
    expect(test.pValue).toBeCloseTo(0.25, 12); // 2 of 2 discordant tasks: 0.5²
    const many = Array.from({ length: 20 }, (_, index) => (index < 12 ? -1 : index < 14 ? 1 : 0));
    expect(pairedTest({ values: many, claim: "less", boundary: 0, binary: true }).pValue).toBeCloseTo(
      binomialUpperTail(12, 14, 0.5),
      12,
    );
  });

  it("gives no significance from a zero-width spread of a few epoch means", () => {
    const test = pairedTest({ values: [-0.5, -0.5], claim: "less", boundary: 0, binary: false });
    expect(test.pValue).toBeCloseTo(0.25, 12);
    const one = pairedTest({ values: [-1], claim: "less", boundary: 0, binary: false });
    expect(one.pValue).toBeGreaterThanOrEqual(0.5);
  });

  it("tests a margin with Tango's score test: tasks that all agree still count as evidence", () => {
    const flat = new Array(24).fill(0);
    const test = pairedTest({ values: flat, claim: "less", boundary: 0.15, binary: true });
    expect(test.method).toBe("score");
    // The exact bound for 24 agreeing tasks under gain ≥ 0.15 is 0.85^24 ≈ 0.020.
    expect(test.pValue).toBeGreaterThan(0.015);
    expect(test.pValue).toBeLessThan(0.025);
    // Symmetry of the mirrored margin.
    const score = tangoScore(3, 9, 40, -0.1);
    const mirrored = tangoScore(9, 3, 40, 0.1);
    expect(score.z).toBeCloseTo(-mirrored.z, 12);
  });

  it("floors the spread of epoch means at what their grid allows", () => {
    const flat = new Array(24).fill(0);
    const test = pairedTest({ values: flat, claim: "less", boundary: 0.15, binary: false });
    expect(test.method).toBe("t");
    expect(test.standardError).toBeCloseTo(Math.sqrt((0.15 * 0.85) / 24), 12);
  });

  it("uses cluster-robust errors with families", () => {
    const values = [1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1];
    const families = [0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 4];
    const test = pairedTest({ values, clusters: families, claim: "greater", boundary: 0, binary: false });
    expect(test.clusters).toBe(5);
    expect(test.df).toBe(4);
    const plain = pairedTest({ values, claim: "greater", boundary: 0, binary: false });
    expect(test.standardError).toBeGreaterThan(plain.standardError);
  });

  it("holds its size at the boundary (seeded Monte-Carlo)", () => {
    const random = createSeededRandom(3, "size");
    const trials = 2000;
    let scoreRejections = 0;
    let tRejections = 0;
    for (let trial = 0; trial < trials; trial++) {
      // Paired binary arms with p₊ − p₋ = 0.15 exactly: the claim "< 0.15" is false.
      const binary = Array.from({ length: 60 }, () => {
        const draw = random();
        return draw < 0.3 ? 1 : draw < 0.45 ? -1 : 0;
      });
      if (pairedTest({ values: binary, claim: "less", boundary: 0.15, binary: true }).pValue < 0.05) scoreRejections++;
      const means = Array.from({ length: 30 }, () => 0.15 + (random() - 0.5) * 0.8);
      if (pairedTest({ values: means, claim: "less", boundary: 0.15, binary: false }).pValue < 0.05) tRejections++;
    }
    expect(scoreRejections / trials).toBeLessThan(0.065);
    expect(tRejections / trials).toBeLessThan(0.065);
    expect(tRejections / trials).toBeGreaterThan(0.035);
  });
});

describe("power", () => {
  it("gives the textbook MDE and sample sizes", () => {
    const level = { alpha: 0.025, power: 0.8 };
    expect(minimumDetectableEffect(0.05, level)!).toBeCloseTo((1.959964 + 0.841621) * 0.05, 5);
    expect(minimumDetectableEffect(0, level)).toBeNull();
    // sd 0.5 per task, target 0.1: n = (2.8016·0.5/0.1)² ≈ 196.2 → 197
    expect(tasksForTarget({ betweenTasks: 0.25, withinTask: 0 }, 1, 0.1, level)).toBe(197);
    expect(epochsForTarget({ betweenTasks: 0.25, withinTask: 0.5 }, 100, 0.1, level)).toBeNull();
    expect(epochsForTarget({ betweenTasks: 0.01, withinTask: 0.5 }, 400, 0.1, level)).toBe(
      Math.ceil(0.5 / (400 * (0.1 / 2.801585) ** 2 - 0.01)),
    );
  });
});
