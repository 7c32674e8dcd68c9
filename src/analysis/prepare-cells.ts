import type { CellAccumulator } from "./cell-accumulator.js";
import { resolveCapabilityScale } from "./capability-scale.js";
import type { CapabilityScale } from "./capability-scale.js";
import { summarizeCell } from "./summarize-cell.js";
import type { SummaryRunInfo } from "./summarize-samples.js";
import { summarizeTiers } from "./summarize-tiers.js";
import { createTaskIndex } from "./task-vectors.js";
import type { TaskIndex } from "./task-vectors.js";
import type { AnalysisOptions, CellSummary, TierSummary } from "./summary-types.js";

export interface PreparedCells {
  suites: string[];
  harnesses: string[];
  /** Configured models (from run.json) then models seen only in samples. */
  runModels: { id: string; tier: string; capability?: number; simulated: boolean }[];
  scale: CapabilityScale;
  /** The accumulators in report order (suite, harness, tier, model). */
  accumulators: CellAccumulator[];
  cells: CellSummary[];
  tierValues: TierSummary[];
  indexes: Map<string, TaskIndex>;
  indexOf: (suite: string) => TaskIndex;
}

/**
 * Cells and tier values from the accumulated samples, with the capability axis and each suite's
 * task index: what every comparison and flag test reads. Shared by the full analysis and by the
 * looks of an adaptive run (which need no intervals).
 */
export function prepareCells(
  accumulators: CellAccumulator[],
  runInfo: Pick<SummaryRunInfo, "models" | "source">,
  options: AnalysisOptions,
): PreparedCells {
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
  const sorted = [...accumulators].sort(
    (a, b) =>
      suites.indexOf(a.suite) - suites.indexOf(b.suite) ||
      harnesses.indexOf(a.harness) - harnesses.indexOf(b.harness) ||
      tierRank(a.tier) - tierRank(b.tier) ||
      modelOrder(a.model) - modelOrder(b.model),
  );
  const cellPairs = sorted.map((accumulator) => ({
    accumulator,
    summary: summarizeCell(accumulator, options, scale.byModel.get(accumulator.model) ?? Number.NaN),
  }));
  const cells = cellPairs.map((pair) => pair.summary);
  const tierValues = summarizeTiers(cellPairs, options, { scale, modelsByTier });
  const indexes = new Map(suites.map((suite) => [suite, taskIndex(sorted.filter((cell) => cell.suite === suite))]));
  return {
    suites,
    harnesses,
    runModels,
    scale,
    accumulators: sorted,
    cells,
    tierValues,
    indexes,
    indexOf: (suite: string) => indexes.get(suite)!,
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

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
