import { describe, expect, it } from "vitest";
import { normalQuantile } from "./normal-quantile.js";
import { createSeededRandom } from "../random/seeded-random.js";
import { nominalLevels, obrienFlemingSpending } from "./sequential-boundary.js";

function gaussian(random: () => number): number {
  // Box–Muller.
  const u = Math.max(random(), 1e-300);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

describe("O'Brien–Fleming-type alpha spending", () => {
  it("spends almost nothing early and all of alpha at the end", () => {
    expect(obrienFlemingSpending(0.025, 1)).toBe(0.025);
    expect(obrienFlemingSpending(0.025, 0)).toBe(0);
    expect(obrienFlemingSpending(0.025, 0.25)).toBeLessThan(1e-4);
    expect(obrienFlemingSpending(0.025, 0.5)).toBeCloseTo(0.0015, 4);
  });

  it("gives the published boundaries (one-sided α 0.025, four equally spaced looks: 4.333, 2.963, 2.359, 2.014)", () => {
    // The Lan–DeMets O'Brien–Fleming values tabulated by group-sequential software (e.g. gsDesign, ldbounds).
    const z = nominalLevels(0.025, [0.25, 0.5, 0.75, 1]).map((level) => -normalQuantile(level));
    expect(z[0]).toBeCloseTo(4.3326, 3);
    expect(z[1]).toBeCloseTo(2.9631, 3);
    expect(z[2]).toBeCloseTo(2.359, 3);
    expect(z[3]).toBeCloseTo(2.0141, 3);
    const two = nominalLevels(0.025, [0.5, 1]).map((level) => -normalQuantile(level));
    expect(two[0]).toBeCloseTo(2.9626, 3);
    expect(two[1]).toBeCloseTo(1.9686, 3);
  });

  it("holds the error: Brownian paths under the null cross some boundary at rate α (seeded, 40,000 paths)", () => {
    const fractions = [0.25, 0.5, 0.75, 1];
    for (const alpha of [0.025, 0.005]) {
      const levels = nominalLevels(alpha, fractions);
      const critical = levels.map((level) => -normalQuantile(level));
      const random = createSeededRandom(7, `brownian-${alpha}`);
      const paths = 40_000;
      let crossed = 0;
      for (let path = 0; path < paths; path++) {
        let sum = 0;
        let previous = 0;
        for (let look = 0; look < fractions.length; look++) {
          sum += gaussian(random) * Math.sqrt(fractions[look]! - previous);
          previous = fractions[look]!;
          if (sum / Math.sqrt(fractions[look]!) >= critical[look]!) {
            crossed++;
            break;
          }
        }
      }
      const rate = crossed / paths;
      // Binomial standard error √(α/paths): within 4 of them.
      expect(Math.abs(rate - alpha)).toBeLessThan(4 * Math.sqrt(alpha / paths));
    }
  });
});
