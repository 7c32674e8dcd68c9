// `--adaptive` on the simulated ladder (multihop and code; prompt, workflow, agent, multi-agent;
// sim:low, sim:mid, sim:frontier), against the full run, over seeds. Per seed the full run is made
// once; the adaptive run's looks are replayed on its samples, each cell contributing the rounds it
// would have run — exactly what `--adaptive` records, since a simulated sample's outcome depends
// only on the seed and the request (checked once against a real `--adaptive` run). Figures:
// samples spent, cost spent (the sim models priced as if they were Claude Haiku 4.5, Sonnet 4.5
// and Opus 4.5, on the tokens they recorded), whether the same flags are raised, and the
// agreement of every flag test's verdict.
// Run: npm run build && node dist/bench/run-bench.js adaptive
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { adaptiveFlagRate, adaptiveTrial } from "../src/analysis/adaptive-monte-carlo.js";
import { resolveAnalysisOptions } from "../src/analysis/analysis-options.js";
import { flagScenarios, syntheticHarness, type Scenario } from "../src/analysis/flag-monte-carlo.js";
import { replayAdaptive, type AdaptiveReplay } from "../src/analysis/replay-adaptive.js";
import type { FlagTest } from "../src/analysis/summary-types.js";
import { resolveConfig } from "../src/config/resolve-config.js";
import type { ResolvedConfig } from "../src/config/resolved-config.js";
import { priceOf } from "../src/models/prices.js";
import { createAdaptivePlanner } from "../src/runner/adaptive-rounds.js";
import { prepareRun } from "../src/runner/prepare-run.js";
import { run } from "../src/runner/run.js";
import { readSamples } from "../src/store/index.js";
import type { Price, SampleRecord } from "../src/types.js";

const AS_IF: Record<string, Price> = {
  "sim:low": priceOf({ id: "anthropic:claude-haiku-4-5", tier: "low" })!,
  "sim:mid": priceOf({ id: "anthropic:claude-sonnet-4-5", tier: "mid" })!,
  "sim:frontier": priceOf({ id: "anthropic:claude-opus-4-5", tier: "frontier" })!,
};

function ladderConfig(dir: string, seed: number, adaptive: boolean): ResolvedConfig {
  return resolveConfig(
    {
      suites: ["multihop", "code"],
      harnesses: ["prompt", "workflow", "agent", "multi-agent"],
      models: ["sim:low", "sim:mid", "sim:frontier"],
      seed,
      concurrency: 8,
      cache: { mode: "disabled" },
      out: path.join(dir, `${adaptive ? "adaptive" : "full"}-${seed}`),
      ...(adaptive ? { adaptive: true } : {}),
    },
    {},
    { configPath: null, cwd: dir },
  );
}

function asIfCost(sample: SampleRecord): number {
  const price = AS_IF[sample.model]!;
  return (sample.usage.inputTokens * price.input + sample.usage.outputTokens * price.output) / 1e6;
}

export interface SeedFigures {
  seed: number;
  rounds: number;
  sampleShare: number;
  costShare: number;
  looks: number;
  fullFlags: string[];
  adaptiveFlags: string[];
  sameFlags: boolean;
  tests: number;
  /** Tests whose flag / no-flag outcome matches the full run's. */
  flagAgreement: number;
  /** Tests whose verdict (flag, inconclusive, not supported) matches. */
  verdictAgreement: number;
}

function flagKey(test: FlagTest): string {
  return `${test.kind} ${test.suite}/${test.harness}`;
}

/** The adaptive replay of a full run's directory, and the figures against the full analysis. */
async function compare(
  fullDir: string,
  config: ResolvedConfig,
  record: ReturnType<typeof createAdaptivePlanner>["record"],
  fullTests: FlagTest[],
  rounds: number,
): Promise<{ figures: SeedFigures; replay: AdaptiveReplay }> {
  const design = { ...record, rounds };
  const options = resolveAnalysisOptions({ seed: config.seed }, config.analysis);
  const replay = await replayAdaptive(() => readSamples(fullDir), design, options, {
    models: record.models,
    epochs: config.epochs,
  });
  let cost = 0;
  let spentCost = 0;
  for await (const sample of readSamples(fullDir)) {
    const value = asIfCost(sample);
    cost += value;
    const round = replay.design.roundOf.get(sample.suite)?.get(sample.taskId) ?? Infinity;
    if (round <= replay.lastRound.get(`${sample.suite}\u0000${sample.harness}\u0000${sample.model}`)!)
      spentCost += value;
  }
  const adaptive = new Map(replay.flagTests.map((test) => [flagKey(test), test]));
  let tests = 0;
  let flagAgreement = 0;
  let verdictAgreement = 0;
  for (const test of fullTests) {
    const other = adaptive.get(flagKey(test));
    tests++;
    const verdict = other?.verdict ?? "not-supported";
    if ((verdict === "flag") === (test.verdict === "flag")) flagAgreement++;
    if (verdict === test.verdict) verdictAgreement++;
  }
  const fullFlags = fullTests
    .filter((test) => test.verdict === "flag")
    .map(flagKey)
    .sort();
  const adaptiveFlags = replay.flagTests
    .filter((test) => test.verdict === "flag")
    .map(flagKey)
    .sort();
  return {
    replay,
    figures: {
      seed: config.seed,
      rounds,
      sampleShare: replay.summary.samples.spent / replay.summary.samples.planned,
      costShare: spentCost / cost,
      looks: replay.looksDone,
      fullFlags,
      adaptiveFlags,
      sameFlags: fullFlags.join("|") === adaptiveFlags.join("|"),
      tests,
      flagAgreement: flagAgreement / Math.max(1, tests),
      verdictAgreement: verdictAgreement / Math.max(1, tests),
    },
  };
}

export interface AdaptiveBench {
  seeds: number;
  rows: { rounds: number; figures: SeedFigures[] }[];
  /** A real --adaptive run for the first seed recorded exactly the samples the replay selects. */
  replayMatchesRun: boolean;
  fullSecondsPerRun: number;
}

export async function runAdaptiveBench(seeds = 20, roundsList = [4, 6]): Promise<AdaptiveBench> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "capbench-adaptive-bench-"));
  const rows = roundsList.map((rounds) => ({ rounds, figures: [] as SeedFigures[] }));
  let replayMatchesRun = true;
  let fullSeconds = 0;
  try {
    for (let seed = 1; seed <= seeds; seed++) {
      const config = ladderConfig(dir, seed, false);
      const started = performance.now();
      const outcome = await run({ config, cwd: dir });
      fullSeconds += (performance.now() - started) / 1000;
      const prepared = await prepareRun(config, { cwd: dir, env: {} });
      await prepared.close();
      const planner = createAdaptivePlanner(
        { suites: prepared.suites, harnesses: prepared.harnesses, models: prepared.models, epochs: config.epochs },
        { ...config, adaptive: { rounds: 4 } },
      );
      for (const row of rows) {
        const { figures, replay } = await compare(
          outcome.dir,
          config,
          planner.record,
          outcome.summary.flagTests,
          row.rounds,
        );
        row.figures.push(figures);
        if (seed === 1 && row.rounds === 4) replayMatchesRun = await matchesRealRun(dir, replay, outcome.dir);
      }
      rmSync(outcome.dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { seeds, rows, replayMatchesRun, fullSecondsPerRun: fullSeconds / seeds };
}

/** A real `--adaptive` run of seed 1 holds exactly the samples the replay of the full run selects, with the same scores. */
async function matchesRealRun(dir: string, replay: AdaptiveReplay, fullDir: string): Promise<boolean> {
  const config = ladderConfig(dir, 1, true);
  const outcome = await run({ config, cwd: dir });
  const selected = new Map<string, number | null>();
  for await (const sample of readSamples(fullDir)) {
    const round = replay.design.roundOf.get(sample.suite)?.get(sample.taskId) ?? Infinity;
    if (round <= replay.lastRound.get(`${sample.suite}\u0000${sample.harness}\u0000${sample.model}`)!)
      selected.set(sample.key, sample.score?.value ?? null);
  }
  let same = true;
  let count = 0;
  for await (const sample of readSamples(outcome.dir)) {
    count++;
    if (selected.get(sample.key) !== (sample.score?.value ?? null)) same = false;
  }
  return same && count === selected.size;
}

export function formatAdaptiveBench(bench: AdaptiveBench): string[] {
  const lines = [
    `--adaptive on the simulated ladder (multihop + code, 4 harnesses, sim:low/mid/frontier), ${bench.seeds} seeds; full run ${bench.fullSecondsPerRun.toFixed(1)} s each:`,
    `  a real --adaptive run records exactly the samples the replay selects: ${bench.replayMatchesRun ? "yes" : "NO"}`,
  ];
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  for (const row of bench.rows) {
    const figures = row.figures;
    const same = figures.filter((entry) => entry.sameFlags).length;
    const flagged = figures.filter((entry) => entry.fullFlags.length > 0).length;
    lines.push(
      `  ${row.rounds} rounds: samples spent ${(100 * mean(figures.map((entry) => entry.sampleShare))).toFixed(1)}% ` +
        `(range ${(100 * Math.min(...figures.map((entry) => entry.sampleShare))).toFixed(0)}–${(100 * Math.max(...figures.map((entry) => entry.sampleShare))).toFixed(0)}%), ` +
        `cost spent ${(100 * mean(figures.map((entry) => entry.costShare))).toFixed(1)}% (as-if Claude prices) · same flags as the full run in ${same}/${figures.length} seeds ` +
        `(${flagged} seeds where the full run raised any) · per-test agreement: flag/no-flag ${(100 * mean(figures.map((entry) => entry.flagAgreement))).toFixed(1)}%, ` +
        `verdict ${(100 * mean(figures.map((entry) => entry.verdictAgreement))).toFixed(1)}% · looks made ${mean(figures.map((entry) => entry.looks)).toFixed(1)}`,
    );
    for (const entry of figures.filter((item) => !item.sameFlags))
      lines.push(
        `    seed ${entry.seed}: full ${entry.fullFlags.join(", ") || "none"}; adaptive ${entry.adaptiveFlags.join(", ") || "none"}`,
      );
  }
  return lines;
}

export interface AdaptiveRateRow {
  scenario: string;
  what: string;
  runs: number;
  rate: number;
  spent: number;
}

/** Seeded Monte-Carlo on synthetic runs with a known truth, looks at 25/50/75/100% of the tasks. */
export async function adaptiveRates(runs: number): Promise<AdaptiveRateRow[]> {
  const rows: AdaptiveRateRow[] = [];
  const spentShare = async (scenario: Scenario, firstSeed: number) => {
    let spent = 0;
    let planned = 0;
    for (let run = 0; run < Math.min(runs, 200); run++) {
      const { adaptive } = await adaptiveTrial(scenario, firstSeed + run);
      spent += adaptive.summary.samples.spent;
      planned += adaptive.summary.samples.planned;
    }
    return spent / planned;
  };
  for (const tasks of [20, 40]) {
    const scenarios = flagScenarios({ small: tasks, large: 200 });
    for (const scenario of [scenarios.identicalScaling, scenarios.identicalStuck])
      rows.push({
        scenario: `${scenario.name}, ${tasks} tasks`,
        what: "any flag (false)",
        runs,
        rate: await adaptiveFlagRate(scenario, runs, () => true, 10_000),
        spent: await spentShare(scenario, 10_000),
      });
  }
  const strong: Scenario = {
    name: "a harness that truly drops 0.6 from low to frontier, 40 tasks",
    tasks: 40,
    epochs: 1,
    harnesses: () => [
      syntheticHarness("prompt", { low: 0.3, mid: 0.55, frontier: 0.8 }),
      syntheticHarness("worse", { low: 0.8, mid: 0.5, frontier: 0.2 }),
    ],
  };
  let early = 0;
  let found = 0;
  for (let run = 0; run < runs; run++) {
    const { adaptive } = await adaptiveTrial(strong, 20_000 + run);
    const test = adaptive.flagTests.find((entry) => entry.kind === "regressing" && entry.harness === "worse");
    if (test?.verdict === "flag") found++;
    if (test?.verdict === "flag" && test.sequential?.early) early++;
  }
  rows.push({
    scenario: strong.name,
    what: "regressing raised",
    runs,
    rate: found / runs,
    spent: await spentShare(strong, 20_000),
  });
  rows.push({ scenario: strong.name, what: "… raised before the last look", runs, rate: early / runs, spent: NaN });
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const seeds = Number(process.argv[2] ?? 20);
  for (const line of formatAdaptiveBench(await runAdaptiveBench(seeds))) console.log(line);
}
