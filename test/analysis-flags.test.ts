import { describe, expect, it } from "vitest";
import { resolveAnalysisOptions } from "../src/analysis/analysis-options.js";
import { flagRate, flagScenarios, syntheticHarness as harness } from "../src/analysis/flag-monte-carlo.js";
import { summarizeSamples } from "../src/analysis/summarize-samples.js";
import type { Summary } from "../src/analysis/summary-types.js";
import { generateSyntheticSamples } from "../src/analysis/synthetic-samples.js";
import type { SyntheticHarness } from "../src/analysis/synthetic-samples.js";
import type { SampleRecord } from "../src/types.js";

const ladder = [
  { id: "sim:low", tier: "low" as const },
  { id: "sim:mid", tier: "mid" as const },
  { id: "sim:frontier", tier: "frontier" as const },
];

async function summarize(
  harnesses: SyntheticHarness[],
  seed: number,
  tasks = 80,
  epochs = 3,
  resamples = 1000,
): Promise<Summary> {
  const samples = generateSyntheticSamples({ seed, suite: "synthetic", tasks, epochs, models: ladder, harnesses });
  return summarizeSamples(samples, { runId: `seed-${seed}` }, resolveAnalysisOptions({ seed, resamples }));
}

const flagsOf = (summary: Summary) => summary.flags.map((flag) => `${flag.kind}:${flag.harness}`).sort();

const knownTruth = () => [
  harness("prompt", { low: 0.3, mid: 0.55, frontier: 0.8 }),
  harness("agent", { low: 0.3, mid: 0.6, frontier: 0.88 }),
  harness("flat", { low: 0.3, mid: 0.31, frontier: 0.32 }),
  harness("capped", { low: 0.3, mid: 0.62, frontier: 0.62 }, { failureStopReason: () => "max_turns" }),
  harness("scaffold", { low: 0.6, mid: 0.7, frontier: 0.8 }),
];

describe("bottleneck flags on results with a known truth", () => {
  // At 80 tasks × 3 epochs the flat and ceiling flags are found in about 75% of runs (their
  // power); at 200 tasks in every one of 40 seeded runs.
  it("flags the flat, ceiling and overtaken harnesses, and almost never anything else, over 10 seeds", async () => {
    const truth = ["ceiling:capped", "flat:flat", "overtaken:scaffold"];
    let found = 0;
    let falseFlags = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const flags = flagsOf(await summarize(knownTruth(), seed, 200, 3, 20));
      found += truth.filter((flag) => flags.includes(flag)).length;
      falseFlags += flags.filter((flag) => !truth.includes(flag)).length;
    }
    expect(found).toBeGreaterThanOrEqual(28); // of 30
    expect(falseFlags).toBeLessThanOrEqual(1); // the run-wide error rate is 5%
  });

  it("says what, by how much, how sure, the likely cause and the next step", async () => {
    const summary = await summarize(knownTruth(), 3);
    const ceiling = summary.flags.find((flag) => flag.kind === "ceiling")!;
    expect(ceiling.message).toMatch(
      /^capped on synthetic stops improving at the top: step mid→frontier [+−±]0\.\d\d, 95% CI [+−±]0\.\d\d…[+−±]0\.\d\d over 80 tasks, under the 0\.15 margin, while (agent|prompt|scaffold) scores \+0\.\d\d more at frontier \(95% CI/,
    );
    expect(ceiling.message).toMatch(/\(p[<=]0\.\d+ after Holm over \d+ flag tests\)\.$/);
    expect(ceiling.cause).toBe("100% of its frontier failures are harness limits (max_turns 100%)");
    expect(ceiling.nextStep).toMatch(/^raise the turn limit/);
    expect(ceiling.evidence.harnessLimitShare).toBe(1);
    const flat = summary.flags.find((flag) => flag.kind === "flat")!;
    expect(flat.message).toMatch(
      /while (agent|prompt) gains \+0\.\d\d, \+0\.\d\d more \(95% CI .*\), and ends \+0\.\d\d higher at frontier/,
    );
    expect(flat.pAdjusted).toBeLessThanOrEqual(0.05);
    expect(flat.verdict).toBe("flag");
    const overtaken = summary.flags.find((flag) => flag.kind === "overtaken")!;
    expect(overtaken.evidence.part1Estimate as number).toBeGreaterThan(0.2);
    expect(overtaken.nextStep).toContain("prompt");
    const scaffoldGain = summary.gains.find((gain) => gain.harness === "scaffold")!;
    expect(scaffoldGain.significant).toBe(true);
    expect(scaffoldGain.normalizedGain!).toBeCloseTo(scaffoldGain.gain / (1 - scaffoldGain.from), 12);
    expect(scaffoldGain.mde!).toBeGreaterThan(0.05);
    expect(scaffoldGain.mde!).toBeLessThan(0.2);
    expect(summary.power.tests).toBe(summary.flagTests.length);
    expect(summary.power.perTestAlpha).toBeCloseTo(0.05 / summary.flagTests.length, 12);
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
    expect(summary.flagTests.some((test) => test.kind === "ceiling")).toBe(false); // its gate is closed
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
      /^worse on synthetic gets worse with a better model: gain low→frontier −0\.\d\d, 95% CI −0\.\d\d…−0\.\d\d over 80 tasks/,
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

  it("takes no significance from one or two tasks that all moved the same way", async () => {
    const record = (taskId: string, model: string, tier: "low" | "frontier", pass: boolean): SampleRecord => ({
      key: `s|${taskId}|worse|${model}|0`,
      suite: "s",
      taskId,
      harness: "worse",
      model,
      tier,
      simulated: true,
      epoch: 0,
      answer: "",
      score: { value: pass ? 1 : 0, pass, explanation: "" },
      stopReason: "answered",
      usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
      costUsd: null,
      latencyMs: 1,
      modelCalls: 1,
      toolCalls: 0,
      cachedCalls: 0,
    });
    const samples = ["t1", "t2"].flatMap((taskId) => [
      record(taskId, "sim:low", "low", true),
      record(taskId, "sim:frontier", "frontier", false),
    ]);
    const summary = await summarizeSamples(samples, { runId: "two" }, resolveAnalysisOptions({ seed: 1 }));
    expect(summary.flags).toEqual([]);
    const regressing = summary.flagTests.find((test) => test.kind === "regressing")!;
    expect(regressing.pValue).toBeCloseTo(0.25, 12); // 2 of 2 discordant tasks, exact
    expect(regressing.verdict).toBe("inconclusive");
    expect(summary.gains[0]!.significant).toBe(false);
  });

  it("says inconclusive, with the minimum detectable effect and the tasks that would decide, when a small run cannot", async () => {
    const summary = await summarize(
      [
        harness("prompt", { low: 0.3, mid: 0.45, frontier: 0.6 }),
        harness("workflow", { low: 0.3, mid: 0.3, frontier: 0.3 }),
      ],
      4,
      20,
      1,
    );
    const flat = summary.flagTests.find((test) => test.kind === "flat" && test.harness === "workflow")!;
    expect(flat.verdict).toBe("inconclusive");
    expect(flat.mde!).toBeGreaterThan(0.15);
    expect(flat.tasksNeeded!).toBeGreaterThan(20);
    expect(flat.message).toMatch(/^Inconclusive: workflow on synthetic does not convert capability into score/);
    expect(flat.message).toMatch(/Minimum detectable effect at this size: 0\.\d\d\.$/);
    expect(flat.nextStep).toMatch(/^about [\d,]+ tasks would decide it \(capbench plan --target-mde sizes the run\)/);
  });
});

// Seeded Monte-Carlo with a known truth (issue 12's "Done when"); `npm run bench stats` runs
// the same scenarios with 1,000 runs each and prints the rates and the power table.
describe("flag error rates and power", () => {
  const scenarios = flagScenarios();

  it("raises a false flag in at most 5% of runs with 8 identical harnesses at 20 tasks", async () => {
    expect(await flagRate(scenarios.identicalScaling, 100)).toBeLessThanOrEqual(0.05);
    expect(await flagRate(scenarios.identicalStuck, 60)).toBeLessThanOrEqual(0.05);
  });

  it("keeps dominated, overtaken and flat at most 5% on their false-statement scenarios", async () => {
    for (const [tasks, runs] of [
      [20, 100],
      [200, 40],
    ] as const) {
      expect(
        await flagRate(scenarios.dominatedFalse(tasks), runs, (flag) => flag.kind === "dominated"),
      ).toBeLessThanOrEqual(0.05);
      expect(
        await flagRate(scenarios.overtakenFalse(tasks), runs, (flag) => flag.kind === "overtaken"),
      ).toBeLessThanOrEqual(0.05);
      expect(await flagRate(scenarios.flatFalse(tasks), runs, (flag) => flag.kind === "flat")).toBeLessThanOrEqual(
        0.05,
      );
    }
  });

  it("finds a truly flat harness beside a +0.30 gainer in at least 80% of runs at 200 tasks, 1 epoch", async () => {
    const rate = await flagRate(
      scenarios.flatTrue(200),
      100,
      (flag) => flag.kind === "flat" && flag.harness === "workflow",
    );
    expect(rate).toBeGreaterThanOrEqual(0.8);
  });
});
