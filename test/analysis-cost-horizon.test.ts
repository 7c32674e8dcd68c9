import { describe, expect, it } from "vitest";
import { resolveAnalysisOptions } from "../src/analysis/analysis-options.js";
import { costFrontier } from "../src/analysis/cost-frontier.js";
import { summarizeSamples } from "../src/analysis/summarize-samples.js";
import type { CellSummary } from "../src/analysis/summary-types.js";
import { generateSyntheticSamples } from "../src/analysis/synthetic-samples.js";
import type { Tier } from "../src/types.js";

function pricedCell(harness: string, tier: Tier, mean: number, perTaskUsd: number | null): CellSummary {
  return {
    suite: "s",
    harness,
    model: `m-${tier}`,
    tier,
    capability: ["low", "mid", "frontier"].indexOf(tier),
    simulated: false,
    tasks: 10,
    samples: 10,
    errors: 0,
    errorShare: 0,
    errorHeavy: false,
    epochs: { min: 1, max: 1 },
    mean,
    ci95: [mean, mean],
    taskValues: {},
    passRate: mean,
    passAtK: {},
    stopReasons: {},
    failures: {
      failures: 0,
      harnessLimit: 0,
      wrongAnswer: 0,
      error: 0,
      shares: { harnessLimit: 0, wrongAnswer: 0, error: 0 },
      byStopReason: {},
    },
    cost: {
      priced: perTaskUsd !== null,
      unpricedSamples: perTaskUsd === null ? 10 : 0,
      totalUsd: perTaskUsd,
      paidUsd: perTaskUsd,
      replayedUsd: perTaskUsd === null ? null : 0,
      perTaskUsd,
      perTaskListUsd: perTaskUsd,
      perSolvedUsd: null,
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      cacheReadShare: null,
    },
    latencyMsMean: 1,
    horizon: null,
  };
}

describe("score-vs-cost frontier", () => {
  it("keeps the cells no other cell of the same tier beats on both score and cost", () => {
    const points = costFrontier([
      pricedCell("prompt", "frontier", 0.7, 0.001),
      pricedCell("workflow", "frontier", 0.8, 0.003),
      pricedCell("agent", "frontier", 0.75, 0.004), // beaten by workflow: better and cheaper
      pricedCell("multi-agent", "frontier", 0.8, 0.003), // ties workflow exactly: both stay
      pricedCell("agent", "low", 0.2, 0.004), // alone in its tier
      pricedCell("unpriced", "frontier", 0.99, null), // no price: not a point at all
    ]);
    const onFrontier = points.filter((point) => point.onFrontier).map((point) => `${point.harness}/${point.tier}`);
    expect(onFrontier).toEqual(["prompt/frontier", "workflow/frontier", "multi-agent/frontier", "agent/low"]);
    expect(points.some((point) => point.harness === "unpriced")).toBe(false);
  });
});

describe("difficulty horizon across tiers", () => {
  it("grows for a harness whose reach grows with the tier and not for one with a fixed reach", async () => {
    const sigmoid = (value: number) => 1 / (1 + Math.exp(-value));
    const reach: Record<Tier, number> = { low: 1.5, mid: 2.5, frontier: 3.5 }; // log2 of the 50% difficulty
    const samples = generateSyntheticSamples({
      seed: 2,
      suite: "steps",
      tasks: 160,
      epochs: 2,
      models: [
        { id: "sim:low", tier: "low" },
        { id: "sim:mid", tier: "mid" },
        { id: "sim:frontier", tier: "frontier" },
      ],
      difficulty: (index) => 1 + (index % 32),
      harnesses: [
        {
          name: "scales",
          successProbability: (tier, task) => sigmoid(2.5 * (reach[tier] - Math.log2(task.difficulty))),
        },
        { name: "fixed", successProbability: (_tier, task) => sigmoid(2.5 * (2 - Math.log2(task.difficulty))) },
      ],
    });
    const summary = await summarizeSamples(samples, { runId: "horizon" }, resolveAnalysisOptions({ seed: 2 }));
    const scales = summary.horizons.find((entry) => entry.harness === "scales")!;
    const fixed = summary.horizons.find((entry) => entry.harness === "fixed")!;
    const byTier = (tier: Tier) => scales.byTier.find((entry) => entry.tier === tier)!;
    expect(byTier("low").difficulty!).toBeGreaterThan(2 ** 1.1);
    expect(byTier("low").difficulty!).toBeLessThan(2 ** 1.9);
    expect(byTier("frontier").difficulty!).toBeGreaterThan(2 ** 3.1);
    expect(byTier("frontier").difficulty!).toBeLessThan(2 ** 3.9);
    expect(byTier("low").ci95[0]!).toBeLessThan(byTier("low").difficulty!);
    expect(byTier("low").ci95[1]!).toBeGreaterThan(byTier("low").difficulty!);
    expect(scales.growth!).toBeGreaterThan(2.5); // about 2^2 = 4
    expect(scales.extrapolated).toBe(false);
    expect(fixed.growth!).toBeGreaterThan(0.7);
    expect(fixed.growth!).toBeLessThan(1.4);
    // The cell-level fit exists too, and the slope is negative (harder tasks fail more).
    const cell = summary.cells.find((entry) => entry.harness === "scales" && entry.tier === "mid")!;
    expect(cell.horizon!.slope).toBeLessThan(0);
  });
});

describe("cost as billed and at list price, and prompt-cache reads", () => {
  it("keeps the billed cost, the list price comparisons use, and the share of input read from the cache", async () => {
    const samples = [
      ...generateSyntheticSamples({
        seed: 3,
        suite: "s",
        tasks: 10,
        epochs: 1,
        models: [{ id: "openai:m", tier: "frontier" }],
        harnesses: [{ name: "batched", successProbability: () => 0.5, costPerSample: 0.002 }],
      }),
    ].map((sample) => ({
      ...sample,
      // Billed at the batch API's half price; 300 of 1,000 input tokens read from the provider's cache.
      costUsd: 0.001,
      listCostUsd: 0.002,
      usage: { inputTokens: 1000, outputTokens: 50, cacheReadTokens: 300, cacheWriteTokens: 100 },
    }));
    const summary = await summarizeSamples(samples, { runId: "billing" }, resolveAnalysisOptions({ seed: 1 }));
    const cost = summary.cells[0]!.cost;
    expect(cost.perTaskUsd).toBeCloseTo(0.001, 12);
    expect(cost.perTaskListUsd).toBeCloseTo(0.002, 12);
    expect(cost.cacheReadShare).toBeCloseTo(0.3, 12);
    expect(summary.tierValues[0]!.costPerTaskUsd).toBeCloseTo(0.002, 12);
  });
});
