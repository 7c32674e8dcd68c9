import type { SampleRecord, Tier } from "../types.js";
import { resolveCapabilityScale } from "./capability-scale.js";
import { capabilityElasticity } from "./capability-elasticity.js";
import { addSampleToCell, cellKeyOf, createCellAccumulator } from "./cell-accumulator.js";
import type { CellAccumulator } from "./cell-accumulator.js";
import { costFrontier } from "./cost-frontier.js";
import { detectFlags } from "./detect-flags.js";
import { distinctPairs, horizonGrowth, scalingGains } from "./scaling-gains.js";
import { summarizeCell } from "./summarize-cell.js";
import { summarizeTiers } from "./summarize-tiers.js";
import { SuiteIntervals } from "./suite-intervals.js";
import { createTaskIndex, vectorOf } from "./task-vectors.js";
import type { TaskIndex } from "./task-vectors.js";
import type {
  AnalysisOptions,
  CellSummary,
  GainSummary,
  NoData,
  RunStatus,
  Summary,
  TierSummary,
} from "./summary-types.js";

export interface SummaryRunInfo {
  runId: string;
  startedAt?: string | null;
  endedAt?: string | null;
  /** Models in configured order (from run.json), with their optional numeric capability; models only seen in samples are appended. */
  models?: { id: string; tier: string; capability?: number }[];
  skippedLines?: number;
  status?: RunStatus | null;
  partialReason?: string | null;
  /** The models, tiers or harnesses that produced no scored sample (run.json `noData`). */
  noData?: NoData[];
  /** Names the input in error messages (e.g. the run directory's run.json). */
  source?: string;
}

/** Aggregates samples as they stream past, then computes the whole analysis. */
export async function summarizeSamples(
  samples: AsyncIterable<SampleRecord> | Iterable<SampleRecord>,
  runInfo: SummaryRunInfo,
  options: AnalysisOptions,
): Promise<Summary> {
  const accumulators = new Map<string, CellAccumulator>();
  let total = 0;
  let errors = 0;
  const add = (record: SampleRecord) => {
    const key = cellKeyOf(record);
    let cell = accumulators.get(key);
    if (!cell) {
      cell = createCellAccumulator(record);
      accumulators.set(key, cell);
    }
    addSampleToCell(cell, record);
    total++;
    if (!record.score) errors++;
  };
  // `for await` over a synchronous iterable costs a promise per record: iterate it directly.
  if (Symbol.asyncIterator in samples) for await (const record of samples) add(record);
  else for (const record of samples) add(record);
  return buildSummary([...accumulators.values()], runInfo, options, { samples: total, errors });
}

function buildSummary(
  accumulators: CellAccumulator[],
  runInfo: SummaryRunInfo,
  options: AnalysisOptions,
  totals: { samples: number; errors: number },
): Summary {
  const suites = unique(accumulators.map((cell) => cell.suite));
  const harnesses = unique(accumulators.map((cell) => cell.harness));
  const seenModels = new Map<string, { id: string; tier: string; capability?: number; simulated: boolean }>();
  for (const model of runInfo.models ?? [])
    seenModels.set(model.id, { ...model, simulated: model.id.startsWith("sim:") });
  for (const cell of accumulators) {
    const known = seenModels.get(cell.model);
    seenModels.set(cell.model, {
      ...known,
      id: cell.model,
      tier: known?.tier ?? cell.tier,
      simulated: cell.simulated || (known?.simulated ?? false),
    });
  }
  // Configured models with no sample at all still count: their tier exists, it just has no data.
  const runModels = [...seenModels.values()];
  const scale = resolveCapabilityScale(runModels, runInfo.source ?? "run.json");
  const modelsByTier = new Map<string, string[]>();
  for (const model of runModels) modelsByTier.set(model.tier, [...(modelsByTier.get(model.tier) ?? []), model.id]);
  const modelOrder = (id: string) => runModels.findIndex((model) => model.id === id);
  const tierRank = (tier: string) => scale.tierOrder.indexOf(tier);
  accumulators.sort(
    (a, b) =>
      suites.indexOf(a.suite) - suites.indexOf(b.suite) ||
      harnesses.indexOf(a.harness) - harnesses.indexOf(b.harness) ||
      tierRank(a.tier) - tierRank(b.tier) ||
      modelOrder(a.model) - modelOrder(b.model),
  );
  const cellPairs = accumulators.map((accumulator) => ({
    accumulator,
    summary: summarizeCell(accumulator, options, scale.byModel.get(accumulator.model) ?? Number.NaN),
  }));
  const cells = cellPairs.map((pair) => pair.summary);
  const tierValues = summarizeTiers(cellPairs, options, { scale, modelsByTier });
  const indexes = new Map(
    suites.map((suite) => [suite, taskIndex(accumulators.filter((cell) => cell.suite === suite))]),
  );
  const indexOf = (suite: string) => indexes.get(suite)!;
  const gains = scalingGains(tierValues, scale.tierOrder, options, indexOf);
  const elasticity = capabilityElasticity(distinctPairs(tierValues), { scale, tierValues, cells, options, indexOf });
  const horizons = horizonGrowth(tierValues, scale.tierOrder);

  // One joint bootstrap per suite fills every interval.
  for (const suite of suites)
    fillIntervals(suite, indexOf(suite), options, {
      cells,
      tierValues,
      gains: gains.drafts,
      elasticity: elasticity.drafts,
    });
  const flagResult = detectFlags({
    suites,
    harnessesOf: (suite) =>
      harnesses.filter((harness) => cells.some((cell) => cell.suite === suite && cell.harness === harness)),
    tierValues,
    cells,
    tierOrder: scale.tierOrder,
    horizons,
    options,
    indexOf,
  });

  const notes: string[] = [];
  if (options.reducer !== "mean" && cells.some((cell) => cell.epochs.min > 0 && cell.epochs.min < options.k)) {
    notes.push(
      `Some tasks have fewer than k=${options.k} scored epochs: ${options.reducer} uses the plug-in estimate for them.`,
    );
  }
  if (cells.some((cell) => cell.simulated)) notes.push("Simulated models (sim:*) say nothing about real models.");
  if (scale.tierOrder.length === 3 && scale.scale === "tier-index")
    notes.push(
      "Elasticity is a slope over three rungs: it says whether score rises with capability, not the shape of the curve.",
    );
  const families = [...indexes.values()].some((index) => index.families !== null);
  if (families) notes.push("Tasks declare families: intervals and tests resample and cluster by family, then task.");
  return {
    schemaVersion: 1,
    runId: runInfo.runId,
    startedAt: runInfo.startedAt ?? null,
    endedAt: runInfo.endedAt ?? null,
    run: { status: runInfo.status ?? null, partialReason: runInfo.partialReason ?? null, noData: runInfo.noData ?? [] },
    simulated: cells.some((cell) => cell.simulated),
    options,
    suites,
    harnesses,
    models: runModels
      .filter(
        (model) =>
          accumulators.some((cell) => cell.model === model.id) ||
          runInfo.models?.some((entry) => entry.id === model.id),
      )
      .map((model) => ({
        id: model.id,
        tier: model.tier as Tier,
        simulated: model.simulated,
        capability: scale.byModel.get(model.id)!,
      })),
    tiers: scale.tierOrder as Tier[],
    capability: { scale: scale.scale, unit: scale.unit },
    totals: { ...totals, skippedLines: runInfo.skippedLines ?? 0 },
    cells,
    tierValues,
    gains: gains.drafts.map((draft) => draft.summary),
    elasticity: elasticity.drafts.map((draft) => draft.summary),
    missing: [...gains.missing, ...elasticity.missing],
    horizons,
    costFrontier: costFrontier(cells),
    flagTests: flagResult.flagTests,
    flags: flagResult.flags,
    power: flagResult.power,
    notes,
  };
}

/** The suite's tasks in a fixed order, with their families when any task declares one. */
function taskIndex(accumulators: readonly CellAccumulator[]): TaskIndex {
  const families = new Map<string, string | undefined>();
  for (const cell of accumulators)
    for (const [taskId, task] of cell.tasks)
      if (!families.has(taskId) || task.family !== undefined) families.set(taskId, task.family);
  const taskIds = [...families.keys()].sort();
  return createTaskIndex(
    taskIds,
    taskIds.map((id) => families.get(id)),
  );
}

function fillIntervals(
  suite: string,
  index: TaskIndex,
  options: AnalysisOptions,
  parts: {
    cells: CellSummary[];
    tierValues: TierSummary[];
    gains: { summary: GainSummary; differences: Float64Array }[];
    elasticity: ReturnType<typeof capabilityElasticity>["drafts"];
  },
): void {
  const bootstrap = new SuiteIntervals(index, {
    seed: options.seed,
    resamples: options.resamples,
    label: `suite\u0000${suite}`,
  });
  const level = options.level;
  for (const cell of parts.cells) {
    if (cell.suite !== suite || cell.mean === null) continue;
    bootstrap.add({ values: vectorOf(index, cell.taskValues) }, (outcome) => (cell.ci95 = outcome.interval(level)));
  }
  for (const tier of parts.tierValues) {
    if (tier.suite !== suite || tier.mean === null) continue;
    bootstrap.add({ values: vectorOf(index, tier.taskValues) }, (outcome) => (tier.ci95 = outcome.interval(level)));
  }
  for (const { summary, differences } of parts.gains) {
    if (summary.suite !== suite) continue;
    bootstrap.add({ values: differences }, (outcome) => {
      summary.ci95 = outcome.interval(level) ?? [summary.gain, summary.gain];
      const [low, high] = summary.ci95;
      summary.significant = summary.significant && high > low && (low > 0 || high < 0);
    });
  }
  for (const draft of parts.elasticity) {
    const { summary } = draft;
    if (summary.suite !== suite) continue;
    bootstrap.add(
      { values: draft.slopes },
      (outcome) => (summary.ci95 = outcome.interval(level) ?? [summary.slope, summary.slope]),
    );
    const vsBaseline = summary.vsBaseline;
    if (vsBaseline && draft.baselineDifferences)
      bootstrap.add({ values: draft.baselineDifferences }, (outcome) => {
        vsBaseline.ci95 = outcome.interval(level) ?? [vsBaseline.difference, vsBaseline.difference];
        const [low, high] = vsBaseline.ci95;
        vsBaseline.significant = vsBaseline.significant && high > low && (low > 0 || high < 0);
      });
    if (draft.baselineSlopes)
      for (const { entry, advantages } of draft.uplift) {
        if (entry.value === null) continue;
        bootstrap.add({ values: advantages, denominator: draft.baselineSlopes }, (outcome) => {
          // Resamples where the baseline does not rise make the ratio undefined: if more than the
          // interval's tails are like that, the interval is unbounded.
          const tail = (1 - level) / 2;
          entry.ci95 = outcome.undefinedShare > tail ? [null, null] : (outcome.interval(level) ?? [null, null]);
        });
      }
  }
  bootstrap.run();
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
