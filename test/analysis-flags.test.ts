import { describe, expect, it } from "vitest";
import { resolveAnalysisOptions } from "../src/analysis/analysis-options.js";
import { summarizeSamples } from "../src/analysis/summarize-samples.js";
import type { Summary } from "../src/analysis/summary-types.js";
import { generateSyntheticSamples } from "../src/analysis/synthetic-samples.js";
import type { SyntheticHarness, SyntheticTask } from "../src/analysis/synthetic-samples.js";
import type { Tier } from "../src/types.js";

const ladder = [
  { id: "sim:low", tier: "low" as const },
  { id: "sim:mid", tier: "mid" as const },
  { id: "sim:frontier", tier: "frontier" as const },
];

/** A harness whose success probability per tier is `byTier`, shifted per task. */
function harness(name: string, byTier: Record<Tier, number>, extra: Partial<SyntheticHarness> = {}): SyntheticHarness {
  return {
    name,
    successProbability: (tier: Tier, task: SyntheticTask) => byTier[tier] + task.easiness * 0.4,
    ...extra,
  };
}

async function summarize(harnesses: SyntheticHarness[], seed: number, tasks = 80, epochs = 3): Promise<Summary> {
  const samples = generateSyntheticSamples({ seed, suite: "synthetic", tasks, epochs, models: ladder, harnesses });
  return summarizeSamples(samples, { runId: `seed-${seed}` }, resolveAnalysisOptions({ seed }));
}

const flagsOf = (summary: Summary) => summary.flags.map((flag) => `${flag.kind}:${flag.harness}`).sort();

describe("bottleneck flags on results with a known truth", () => {
  it("flags the flat, ceiling and overtaken harnesses and nothing else", async () => {
    const summary = await summarize(
      [
        harness("prompt", { low: 0.3, mid: 0.55, frontier: 0.8 }),
        harness("agent", { low: 0.3, mid: 0.6, frontier: 0.88 }),
        harness("flat", { low: 0.3, mid: 0.31, frontier: 0.32 }),
        harness("capped", { low: 0.3, mid: 0.62, frontier: 0.62 }, { failureStopReason: () => "max_turns" }),
        harness("scaffold", { low: 0.6, mid: 0.7, frontier: 0.8 }),
      ],
      7,
    );
    expect(flagsOf(summary)).toEqual(["ceiling:capped", "flat:flat", "overtaken:scaffold"]);
    const ceiling = summary.flags.find((flag) => flag.kind === "ceiling")!;
    expect(ceiling.message).toMatch(
      /^capped on synthetic stops improving: mid 0\.\d\d → frontier 0\.\d\d \([+−±]0\.\d\d, 99\.8% CI/,
    );
    expect(ceiling.message).toContain("100% of its frontier failures are harness limits (max_turns 100%)");
    expect(ceiling.evidence.harnessLimitShare).toBe(1);
    const flat = summary.flags.find((flag) => flag.kind === "flat")!;
    expect(flat.message).toMatch(/while (agent|prompt) gains \+0\.\d\d/);
    const overtaken = summary.flags.find((flag) => flag.kind === "overtaken")!;
    expect(overtaken.evidence.bottomAdvantage as number).toBeGreaterThan(0.2);
    expect(Math.abs(overtaken.evidence.topAdvantage as number)).toBeLessThan(0.08);
    const scaffoldGain = summary.gains.find((gain) => gain.harness === "scaffold")!;
    expect(scaffoldGain.significant).toBe(true);
    expect(scaffoldGain.normalizedGain!).toBeCloseTo(scaffoldGain.gain / (1 - scaffoldGain.from), 12);
  });

  it("does not call a harness flat when it starts near the ceiling and ends as high as the one that gains", async () => {
    const summary = await summarize(
      [
        harness("prompt", { low: 0.3, mid: 0.6, frontier: 0.85 }),
        harness("tools", { low: 0.8, mid: 0.85, frontier: 0.86 }),
      ],
      9,
    );
    expect(flagsOf(summary)).not.toContain("flat:tools");
  });

  it("does not flag a capped harness whose failures are wrong answers, not harness limits", async () => {
    const summary = await summarize(
      [
        harness("prompt", { low: 0.3, mid: 0.55, frontier: 0.8 }),
        harness("capped", { low: 0.3, mid: 0.62, frontier: 0.62 }),
      ],
      8,
    );
    expect(flagsOf(summary)).toEqual([]);
  });

  it("flags a regressing harness", async () => {
    const summary = await summarize(
      [
        harness("prompt", { low: 0.6, mid: 0.7, frontier: 0.85 }),
        harness("worse", { low: 0.6, mid: 0.4, frontier: 0.2 }),
      ],
      9,
    );
    expect(flagsOf(summary)).toEqual(["regressing:worse"]);
    expect(summary.flags[0]!.message).toMatch(
      /^worse on synthetic gets worse with a better model: low 0\.\d\d → frontier 0\.\d\d \(−0\.\d\d/,
    );
  });

  it("flags a harness matched by one at half the cost, but not one that is clearly better", async () => {
    const expensiveSame = await summarize(
      [
        harness("prompt", { low: 0.3, mid: 0.55, frontier: 0.8 }, { costPerSample: 0.001 }),
        harness("agent", { low: 0.3, mid: 0.55, frontier: 0.8 }, { costPerSample: 0.004 }),
      ],
      10,
    );
    expect(flagsOf(expensiveSame)).toEqual(["dominated:agent"]);
    expect(expensiveSame.flags[0]!.message).toContain("at 25% of the cost ($0.0010 vs $0.0040 per task)");

    const expensiveBetter = await summarize(
      [
        harness("prompt", { low: 0.3, mid: 0.55, frontier: 0.6 }, { costPerSample: 0.001 }),
        harness("agent", { low: 0.3, mid: 0.6, frontier: 0.9 }, { costPerSample: 0.004 }),
      ],
      11,
    );
    expect(flagsOf(expensiveBetter)).toEqual([]);
  });

  it("never uses unknown prices as zero", async () => {
    const summary = await summarize(
      [
        harness("prompt", { low: 0.3, mid: 0.55, frontier: 0.8 }, { costPerSample: null }),
        harness("agent", { low: 0.3, mid: 0.55, frontier: 0.8 }, { costPerSample: 0.004 }),
      ],
      12,
    );
    expect(flagsOf(summary)).toEqual([]);
    const unpriced = summary.cells.find((cell) => cell.harness === "prompt")!;
    expect(unpriced.cost).toMatchObject({ priced: false, totalUsd: null, perTaskUsd: null, perSolvedUsd: null });
    expect(summary.costFrontier.every((point) => point.harness === "agent")).toBe(true);
  });
});

describe("noise alone", () => {
  // Two identical harnesses: any flag is a false positive. Nominal family-wise rate: 5%.
  async function falseFlagRuns(make: () => SyntheticHarness[]): Promise<number> {
    let runsWithFlags = 0;
    for (let trial = 0; trial < 100; trial++) {
      const summary = await summarize(make(), 1000 + trial, 40, 2);
      if (summary.flags.length > 0) runsWithFlags++;
    }
    return runsWithFlags;
  }

  it("raises flags in at most the nominal 5% of 100 seeded runs when both harnesses scale", async () => {
    const count = await falseFlagRuns(() => [
      harness("prompt", { low: 0.3, mid: 0.5, frontier: 0.65 }),
      harness("twin", { low: 0.3, mid: 0.5, frontier: 0.65 }),
    ]);
    expect(count).toBeLessThanOrEqual(5);
  });

  it("raises flags in at most the nominal 5% of 100 seeded runs when neither scales and failures are harness limits", async () => {
    const count = await falseFlagRuns(() => [
      harness("prompt", { low: 0.5, mid: 0.5, frontier: 0.5 }, { failureStopReason: () => "max_turns" }),
      harness("twin", { low: 0.5, mid: 0.5, frontier: 0.5 }, { failureStopReason: () => "max_turns" }),
    ]);
    expect(count).toBeLessThanOrEqual(5);
  });
});
