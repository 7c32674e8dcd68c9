// Seeded Monte-Carlo of adaptive runs on synthetic data with a known truth: the full matrix is
// drawn once per seed and the looks are replayed on it, each cell contributing only the rounds it
// would have run (what an adaptive run records, since a sample's outcome does not depend on
// which other samples ran). Used by the tests (few runs) and `npm run bench adaptive`.
import { adaptiveDesignRecord } from "./adaptive-design.js";
import { resolveAnalysisOptions } from "./analysis-options.js";
import { scenarioSamples, SYNTHETIC_LADDER, type Scenario } from "./flag-monte-carlo.js";
import { replayAdaptive, type AdaptiveReplay } from "./replay-adaptive.js";
import { summarizeSamples } from "./summarize-samples.js";
import type { Summary } from "./summary-types.js";

export interface AdaptiveTrial {
  seed: number;
  adaptive: AdaptiveReplay;
  /** The fixed-size analysis of the whole matrix (when asked for). */
  full: Summary | null;
}

/** One seeded run of a scenario, adaptive (and, with `withFull`, fixed-size on the same data). */
export async function adaptiveTrial(
  scenario: Scenario,
  seed: number,
  options: { rounds?: number; withFull?: boolean; futilityPower?: number } = {},
): Promise<AdaptiveTrial> {
  const samples = [...scenarioSamples(scenario, seed)];
  const harnesses = scenario.harnesses().map((harness) => harness.name);
  const record = adaptiveDesignRecord({
    suites: [
      { name: "synthetic", taskIds: Array.from({ length: scenario.tasks }, (_, index) => `synthetic-${index}`) },
    ],
    harnesses,
    models: SYNTHETIC_LADDER,
    rounds: options.rounds ?? 4,
    seed,
    priced: true,
  });
  const analysis = resolveAnalysisOptions({ seed, resamples: 20, horizon: { resamples: 4 } });
  const adaptive = await replayAdaptive(() => samples, record, analysis, {
    models: SYNTHETIC_LADDER,
    epochs: scenario.epochs,
    ...(options.futilityPower !== undefined ? { futilityPower: options.futilityPower } : {}),
  });
  const full = options.withFull
    ? await summarizeSamples(samples, { runId: `${scenario.name}-${seed}`, models: SYNTHETIC_LADDER }, analysis)
    : null;
  return { seed, adaptive, full };
}

/** Share of seeds in which the adaptive run raised any flag matching `matches`. */
export async function adaptiveFlagRate(
  scenario: Scenario,
  runs: number,
  matches: (flag: { kind: string; harness: string }) => boolean = () => true,
  firstSeed = 1,
): Promise<number> {
  let hits = 0;
  for (let run = 0; run < runs; run++) {
    const trial = await adaptiveTrial(scenario, firstSeed + run);
    if (trial.adaptive.flagTests.some((test) => test.verdict === "flag" && matches(test))) hits++;
  }
  return hits / runs;
}
