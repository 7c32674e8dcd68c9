// Seeded Monte-Carlo of the flags on synthetic runs with a known truth: how often a scenario
// raises a given flag. Used by the statistics tests (few runs, bounded) and by
// `npm run bench stats` (many runs, the rates and the power table in docs/statistics.md).
import type { Tier } from "../types.js";
import { resolveAnalysisOptions } from "./analysis-options.js";
import { summarizeSamples } from "./summarize-samples.js";
import type { FlagKind, Summary } from "./summary-types.js";
import { generateSyntheticSamples } from "./synthetic-samples.js";
import type { SyntheticHarness, SyntheticTask } from "./synthetic-samples.js";

export const SYNTHETIC_LADDER = [
  { id: "sim:low", tier: "low" as const },
  { id: "sim:mid", tier: "mid" as const },
  { id: "sim:frontier", tier: "frontier" as const },
];

/** Success probability per tier, shifted per task by its easiness (±0.2), as in the flag tests. */
export function syntheticHarness(
  name: string,
  byTier: Record<Tier, number>,
  extra: Partial<SyntheticHarness> = {},
): SyntheticHarness {
  return {
    name,
    successProbability: (tier: Tier, task: SyntheticTask) => byTier[tier] + task.easiness * 0.4,
    ...extra,
  };
}

export interface Scenario {
  name: string;
  harnesses: () => SyntheticHarness[];
  tasks: number;
  epochs: number;
}

/** One seeded synthetic run of a scenario on the "synthetic" suite. */
export function scenarioSamples(scenario: Scenario, seed: number) {
  return generateSyntheticSamples({
    seed,
    suite: "synthetic",
    tasks: scenario.tasks,
    epochs: scenario.epochs,
    models: SYNTHETIC_LADDER,
    harnesses: scenario.harnesses(),
    // No difficulty: the horizon fits cost time and do not enter the flag decisions.
    difficulty: null,
  });
}

/** Summaries for `runs` seeds of a scenario; bootstrap resamples kept small (flags do not use them). */
export async function* scenarioSummaries(scenario: Scenario, runs: number, firstSeed = 1): AsyncGenerator<Summary> {
  for (let run = 0; run < runs; run++) {
    const seed = firstSeed + run;
    const samples = scenarioSamples(scenario, seed);
    yield await summarizeSamples(
      samples,
      { runId: `${scenario.name}-${seed}` },
      resolveAnalysisOptions({ seed, resamples: 20, horizon: { resamples: 4 } }),
    );
  }
}

/** Share of runs in which `matches` holds for some raised flag (or, with `kind` null, any flag). */
export async function flagRate(
  scenario: Scenario,
  runs: number,
  matches: (flag: { kind: FlagKind; harness: string }) => boolean = () => true,
  firstSeed = 1,
): Promise<number> {
  let hits = 0;
  for await (const summary of scenarioSummaries(scenario, runs, firstSeed))
    if (summary.flags.some((flag) => matches(flag))) hits++;
  return hits / runs;
}

/** The scenarios of issue 12's "Done when", with the truth each encodes. */
export function flagScenarios(tasks: { small: number; large: number } = { small: 20, large: 200 }) {
  const scaling = { low: 0.3, mid: 0.55, frontier: 0.8 };
  const stuck = { low: 0.5, mid: 0.5, frontier: 0.5 };
  return {
    /** 8 identical harnesses that scale: every flag is false. */
    identicalScaling: {
      name: "8 identical scaling harnesses",
      tasks: tasks.small,
      epochs: 1,
      harnesses: () =>
        ["prompt", ...Array.from({ length: 7 }, (_, index) => `twin-${index + 1}`)].map((name) =>
          syntheticHarness(name, scaling),
        ),
    },
    /** 8 identical harnesses that do not scale and fail by harness limits: every flag is false (no other one gains or does better). */
    identicalStuck: {
      name: "8 identical stuck harnesses (max_turns failures)",
      tasks: tasks.small,
      epochs: 1,
      harnesses: () =>
        ["prompt", ...Array.from({ length: 7 }, (_, index) => `twin-${index + 1}`)].map((name) =>
          syntheticHarness(name, stuck, { failureStopReason: () => "max_turns" }),
        ),
    },
    /** `agent` is truly +0.15 better at the top tier at 4× the cost: "dominated" is false. */
    dominatedFalse: (size: number): Scenario => ({
      name: `agent +0.15 at the top at 4× the cost (${size} tasks)`,
      tasks: size,
      epochs: 1,
      harnesses: () => [
        syntheticHarness("prompt", { low: 0.3, mid: 0.5, frontier: 0.65 }, { costPerSample: 0.001 }),
        syntheticHarness("agent", { low: 0.3, mid: 0.6, frontier: 0.8 }, { costPerSample: 0.004 }),
      ],
    }),
    /** `scaffold` is +0.15 over the baseline at every tier: "overtaken" is false. */
    overtakenFalse: (size: number): Scenario => ({
      name: `scaffold +0.15 at every tier (${size} tasks)`,
      tasks: size,
      epochs: 1,
      harnesses: () => [
        syntheticHarness("prompt", { low: 0.2, mid: 0.35, frontier: 0.5 }),
        syntheticHarness("scaffold", { low: 0.35, mid: 0.5, frontier: 0.65 }),
      ],
    }),
    /** `workflow` truly gains +0.15 (the margin) beside a +0.5 gainer: "flat" is false. */
    flatFalse: (size: number): Scenario => ({
      name: `workflow gains +0.15 beside a +0.5 gainer (${size} tasks)`,
      tasks: size,
      epochs: 1,
      harnesses: () => [
        syntheticHarness("prompt", { low: 0.2, mid: 0.45, frontier: 0.7 }),
        syntheticHarness("workflow", { low: 0.3, mid: 0.375, frontier: 0.45 }),
      ],
    }),
    /** `workflow` is truly flat at `level` beside a +0.30 gainer from the same start: "flat" is true. */
    flatTrue: (size: number, epochs = 1, level = 0.3): Scenario => ({
      name: `workflow flat at ${level} beside a +0.30 gainer (${size} tasks, ${epochs} epoch${epochs === 1 ? "" : "s"})`,
      tasks: size,
      epochs,
      harnesses: () => [
        syntheticHarness("prompt", { low: level, mid: level + 0.15, frontier: level + 0.3 }),
        syntheticHarness("workflow", { low: level, mid: level, frontier: level }),
      ],
    }),
  };
}
