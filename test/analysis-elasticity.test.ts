// Capability elasticity, tier aggregation, censored horizons and task families, on data with a
// known truth.
import { describe, expect, it } from "vitest";
import { resolveAnalysisOptions } from "../src/analysis/analysis-options.js";
import { fitHorizon } from "../src/analysis/difficulty-horizon.js";
import { summarizeSamples } from "../src/analysis/summarize-samples.js";
import type { SummaryRunInfo } from "../src/analysis/summarize-samples.js";
import { createSeededRandom } from "../src/random/seeded-random.js";
import { generateSyntheticSamples } from "../src/analysis/synthetic-samples.js";
import { UsageError } from "../src/errors.js";
import type { SampleRecord, Tier } from "../src/types.js";

const ladder = [
  { id: "sim:low", tier: "low" as const },
  { id: "sim:mid", tier: "mid" as const },
  { id: "sim:frontier", tier: "frontier" as const },
];

function record(
  fields: Pick<SampleRecord, "taskId" | "harness" | "model"> & { tier: string; pass: boolean | null; family?: string },
): SampleRecord {
  return {
    key: `s|${fields.taskId}|${fields.harness}|${fields.model}|0`,
    suite: "s",
    taskId: fields.taskId,
    harness: fields.harness,
    model: fields.model,
    tier: fields.tier as Tier,
    simulated: false,
    epoch: 0,
    answer: "",
    score: fields.pass === null ? null : { value: fields.pass ? 1 : 0, pass: fields.pass, explanation: "" },
    stopReason: fields.pass === null ? "provider_error" : "answered",
    usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
    costUsd: null,
    latencyMs: 1,
    modelCalls: 1,
    toolCalls: 0,
    cachedCalls: 0,
    ...(fields.family ? { family: fields.family } : {}),
  };
}

const options = (seed = 1) => resolveAnalysisOptions({ seed, resamples: 400 });

describe("capability elasticity", () => {
  it("recovers a known slope, its difference from the baseline and the tier-equivalent uplift", async () => {
    const samples = generateSyntheticSamples({
      seed: 3,
      suite: "s",
      tasks: 400,
      epochs: 2,
      models: ladder,
      difficulty: null,
      harnesses: [
        // +0.2 per tier; the scaffold is +0.1 everywhere (half a tier); the flat one does not rise.
        { name: "prompt", successProbability: (tier) => ({ low: 0.3, mid: 0.5, frontier: 0.7 })[tier] },
        { name: "scaffold", successProbability: (tier) => ({ low: 0.4, mid: 0.6, frontier: 0.8 })[tier] },
        { name: "fixed", successProbability: () => 0.5 },
      ],
    });
    const summary = await summarizeSamples(samples, { runId: "e" }, options());
    const of = (harness: string) => summary.elasticity.find((entry) => entry.harness === harness)!;
    expect(of("prompt").slope).toBeGreaterThan(0.17);
    expect(of("prompt").slope).toBeLessThan(0.23);
    expect(of("prompt").ci95[0]).toBeLessThan(0.2);
    expect(of("prompt").ci95[1]).toBeGreaterThan(0.2);
    expect(of("prompt").vsBaseline).toBeNull(); // it is the baseline
    expect(of("fixed").vsBaseline!.difference).toBeLessThan(-0.15);
    expect(of("fixed").vsBaseline!.significant).toBe(true);
    expect(of("scaffold").vsBaseline!.significant).toBe(false);
    // Three equally spaced rungs: the slope is half the bottom-to-top gain, exactly.
    const gain = summary.gains.find((entry) => entry.harness === "prompt")!;
    expect(of("prompt").slope).toBeCloseTo(gain.gain / 2, 12);
    for (const uplift of of("scaffold").uplift) {
      expect(uplift.value!).toBeGreaterThan(0.3);
      expect(uplift.value!).toBeLessThan(0.75);
      expect(uplift.ci95[0]!).toBeLessThan(0.5);
      expect(uplift.ci95[1]!).toBeGreaterThan(0.5);
    }
    expect(of("scaffold").mde!).toBeGreaterThan(0);
    expect(summary.notes.join(" ")).toContain("three rungs");
  });

  it("uses the models' numeric capability when every model has one, with more than three rungs", async () => {
    const models = [1, 2, 3, 4, 5].map((capability) => ({
      id: `m${capability}`,
      tier: (capability <= 2 ? "low" : capability === 3 ? "mid" : "frontier") as Tier,
      capability,
    }));
    // Success probability 0.15 + 0.1 · capability: 0.1 per capability unit.
    const random = createSeededRandom(4, "numeric");
    const rebuilt: SampleRecord[] = [];
    for (let task = 0; task < 300; task++)
      for (const model of models)
        for (let epoch = 0; epoch < 2; epoch++) {
          const pass = random() < 0.15 + 0.1 * model.capability;
          rebuilt.push({
            ...record({ taskId: `t${task}`, harness: "prompt", model: model.id, tier: model.tier, pass }),
            key: `s|t${task}|prompt|${model.id}|${epoch}`,
            epoch,
          });
        }
    const runInfo: SummaryRunInfo = { runId: "numeric", models };
    const summary = await summarizeSamples(rebuilt, runInfo, options());
    expect(summary.capability.scale).toBe("numeric");
    const entry = summary.elasticity[0]!;
    expect(entry.rungs.map((rung) => rung.capability)).toEqual([1, 2, 3, 4, 5]);
    expect(entry.slope).toBeGreaterThan(0.07);
    expect(entry.slope).toBeLessThan(0.13);
    expect(summary.tiers).toEqual(["low", "mid", "frontier"]);
  });
});

describe("tier aggregation and missing data", () => {
  it("weights a tier's models equally over the tasks they all scored, and reports coverage", async () => {
    const records: SampleRecord[] = [];
    for (let task = 0; task < 30; task++) {
      records.push(
        record({ taskId: `t${task}`, harness: "prompt", model: "low-a", tier: "low", pass: task % 2 === 0 }),
      );
      // Model A passes 0.817 of its 30 tasks; model B scores only tasks 0–9 (errors elsewhere) and passes 0.25 of... its own.
      records.push(
        record({ taskId: `t${task}`, harness: "prompt", model: "top-a", tier: "frontier", pass: task % 6 !== 5 }),
      );
      records.push(
        record({
          taskId: `t${task}`,
          harness: "prompt",
          model: "top-b",
          tier: "frontier",
          pass: task < 10 ? task % 4 === 0 : null,
        }),
      );
    }
    const summary = await summarizeSamples(records, { runId: "agg" }, options());
    const frontier = summary.tierValues.find((tier) => tier.tier === "frontier")!;
    expect(frontier.coverage).toMatchObject({ sharedTasks: 10, anyTasks: 30, modelsWithData: ["top-a", "top-b"] });
    // Over t0–t9: A passes 9 of 10 (t5 fails), B passes t0, t4, t8 → (0.9 + 0.3) / 2 = 0.6.
    expect(frontier.mean).toBeCloseTo(0.6, 12);
    const cellA = summary.cells.find((cell) => cell.model === "top-a")!;
    const cellB = summary.cells.find((cell) => cell.model === "top-b")!;
    expect(cellA.mean).toBeCloseTo(25 / 30, 12);
    expect(cellB.errorHeavy).toBe(true);
    expect(summary.gains[0]!.tasks).toBe(10);
  });

  it("says missing top-tier data instead of substituting the next tier, and tests flags only where data exist", async () => {
    const records: SampleRecord[] = [];
    for (let task = 0; task < 20; task++) {
      for (const [model, tier] of [
        ["sim:low", "low"],
        ["sim:mid", "mid"],
        ["real-top", "frontier"],
      ] as const) {
        records.push(record({ taskId: `t${task}`, harness: "prompt", model, tier, pass: task % 3 === 0 }));
        records.push(
          record({
            taskId: `t${task}`,
            harness: "agent",
            model,
            tier,
            pass: tier === "frontier" ? null : task % 2 === 0,
          }),
        );
      }
    }
    const summary = await summarizeSamples(records, { runId: "gap" }, options());
    expect(summary.gains.map((gain) => gain.harness)).toEqual(["prompt"]);
    expect(summary.missing).toContainEqual({
      suite: "s",
      harness: "agent",
      what: "gain",
      reason: "no scored samples at frontier (20 errors)",
    });
    expect(summary.flagTests.every((test) => test.harness !== "agent")).toBe(true);
    expect(summary.tierValues.find((tier) => tier.harness === "agent" && tier.tier === "frontier")!.simulated).toBe(
      false,
    );
  });

  it("refuses an unknown tier label unless every model has a numeric capability", async () => {
    const records = [
      record({ taskId: "t1", harness: "prompt", model: "a", tier: "low", pass: true }),
      record({ taskId: "t1", harness: "prompt", model: "b", tier: "huge", pass: true }),
    ];
    await expect(summarizeSamples(records, { runId: "u" }, options())).rejects.toThrow(UsageError);
    await expect(summarizeSamples(records, { runId: "u" }, options())).rejects.toThrow(
      /model "b" has tier "huge", which is not low, mid, frontier/,
    );
    const summary = await summarizeSamples(
      records,
      {
        runId: "u",
        models: [
          { id: "a", tier: "low", capability: 10 },
          { id: "b", tier: "huge", capability: 30 },
        ],
      },
      options(),
    );
    expect(summary.tiers).toEqual(["low", "huge"]);
  });
});

describe("censored horizons", () => {
  const fit = (tasks: { difficulty: number; trials: number; successes: number }[]) =>
    fitHorizon(tasks, { l2: 1, resamples: 200, level: 0.95, seed: 1, label: "h" })!;

  it("reads all-fail as below the easiest task and all-pass as above the hardest", () => {
    const allFail = fit([1, 2, 4, 8].map((difficulty) => ({ difficulty, trials: 5, successes: 0 })));
    expect(allFail).toMatchObject({ difficulty: null, censored: "below", ci95: [0, 0] });
    const allPass = fit([1, 2, 4, 8].map((difficulty) => ({ difficulty, trials: 5, successes: 5 })));
    expect(allPass).toMatchObject({ difficulty: null, censored: "above", ci95: [null, null] });
  });

  it("never extrapolates a shallow decline to an absurd difficulty", () => {
    // Success falls from 100% to 70% over 1–8: the 50% point would lie far beyond the hardest task.
    const shallow = fit([
      { difficulty: 1, trials: 10, successes: 10 },
      { difficulty: 2, trials: 10, successes: 9 },
      { difficulty: 4, trials: 10, successes: 8 },
      { difficulty: 8, trials: 10, successes: 7 },
    ]);
    expect(shallow.censored).toBe("above");
    expect(shallow.difficulty).toBeNull();
  });

  it("grows only between finite estimates", async () => {
    const samples = generateSyntheticSamples({
      seed: 2,
      suite: "steps",
      tasks: 96,
      epochs: 2,
      models: ladder,
      difficulty: (index) => 1 + (index % 16),
      harnesses: [
        {
          name: "prompt",
          successProbability: (tier, task) =>
            ({ low: 1 / (1 + Math.exp(-2.5 * (2 - Math.log2(task.difficulty)))), mid: 0.99, frontier: 1 })[tier],
        },
      ],
    });
    const summary = await summarizeSamples(samples, { runId: "g" }, options(2));
    const horizon = summary.horizons[0]!;
    expect(horizon.byTier.find((entry) => entry.tier === "frontier")!.censored).toBe("above");
    expect(horizon.growth).toBeNull();
    expect(horizon.growthNote).toBe("above the hardest task at frontier");
  });
});

describe("task families", () => {
  it("resample families, then tasks: a strong family effect widens the intervals", async () => {
    const build = (withFamilies: boolean) => {
      const records: SampleRecord[] = [];
      for (let task = 0; task < 120; task++) {
        const family = `f${task % 8}`;
        // Whole families pass or fail together (family effect), so 8 families carry the information, not 120 tasks.
        const pass = (task % 8) % 2 === 0 ? task % 5 !== 0 : task % 5 === 0;
        records.push(
          record({
            taskId: `t${task}`,
            harness: "prompt",
            model: "m",
            tier: "low",
            pass,
            ...(withFamilies ? { family } : {}),
          }),
        );
      }
      return records;
    };
    const plain = await summarizeSamples(build(false), { runId: "p" }, options());
    const clustered = await summarizeSamples(build(true), { runId: "c" }, options());
    const width = (summary: typeof plain) => summary.cells[0]!.ci95![1] - summary.cells[0]!.ci95![0];
    expect(clustered.cells[0]!.mean).toBeCloseTo(plain.cells[0]!.mean!, 12);
    expect(width(clustered)).toBeGreaterThan(1.5 * width(plain));
    expect(clustered.notes.join(" ")).toContain("families");
  });
});
