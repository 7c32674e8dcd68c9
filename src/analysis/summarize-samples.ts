import { TIERS } from "../types.js";
import type { SampleRecord, Tier } from "../types.js";
import { addSampleToCell, cellKeyOf, createCellAccumulator } from "./cell-accumulator.js";
import type { CellAccumulator } from "./cell-accumulator.js";
import { costFrontier } from "./cost-frontier.js";
import { detectFlags } from "./detect-flags.js";
import { horizonGrowth, scalingGains } from "./scaling-gains.js";
import { summarizeCell } from "./summarize-cell.js";
import { summarizeTiers } from "./summarize-tiers.js";
import type { AnalysisOptions, Summary } from "./summary-types.js";

export interface SummaryRunInfo {
  runId: string;
  startedAt?: string | null;
  endedAt?: string | null;
  /** Models in configured order (from run.json); models only seen in samples are appended. */
  models?: { id: string; tier: Tier }[];
  skippedLines?: number;
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
  for await (const record of samples) {
    const key = cellKeyOf(record);
    let cell = accumulators.get(key);
    if (!cell) {
      cell = createCellAccumulator(record);
      accumulators.set(key, cell);
    }
    addSampleToCell(cell, record);
    total++;
    if (!record.score) errors++;
  }
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
  const seenModels = new Map<string, { id: string; tier: Tier; simulated: boolean }>();
  for (const model of runInfo.models ?? [])
    seenModels.set(model.id, { ...model, simulated: model.id.startsWith("sim:") });
  for (const cell of accumulators) {
    const known = seenModels.get(cell.model);
    seenModels.set(cell.model, {
      id: cell.model,
      tier: known?.tier ?? cell.tier,
      simulated: cell.simulated || (known?.simulated ?? false),
    });
  }
  const models = [...seenModels.values()].filter((model) => accumulators.some((cell) => cell.model === model.id));
  const modelOrder = (id: string) => models.findIndex((model) => model.id === id);
  accumulators.sort(
    (a, b) =>
      suites.indexOf(a.suite) - suites.indexOf(b.suite) ||
      harnesses.indexOf(a.harness) - harnesses.indexOf(b.harness) ||
      TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) ||
      modelOrder(a.model) - modelOrder(b.model),
  );
  const cellPairs = accumulators.map((accumulator) => ({ accumulator, summary: summarizeCell(accumulator, options) }));
  const cells = cellPairs.map((pair) => pair.summary);
  const tierValues = summarizeTiers(cellPairs, options);
  const notes: string[] = [];
  if (options.reducer !== "mean" && cells.some((cell) => cell.epochs.min > 0 && cell.epochs.min < options.k)) {
    notes.push(
      `Some tasks have fewer than k=${options.k} scored epochs: ${options.reducer} uses the plug-in estimate for them.`,
    );
  }
  if (cells.some((cell) => cell.simulated)) notes.push("Simulated models (sim:*) say nothing about real models.");
  return {
    schemaVersion: 1,
    runId: runInfo.runId,
    startedAt: runInfo.startedAt ?? null,
    endedAt: runInfo.endedAt ?? null,
    simulated: cells.some((cell) => cell.simulated),
    options,
    suites,
    harnesses,
    models,
    tiers: TIERS.filter((tier) => accumulators.some((cell) => cell.tier === tier)),
    totals: { ...totals, skippedLines: runInfo.skippedLines ?? 0 },
    cells,
    tierValues,
    gains: scalingGains(tierValues, options),
    horizons: horizonGrowth(tierValues),
    costFrontier: costFrontier(cells),
    flags: detectFlags(tierValues, cells, options),
    notes,
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
