import { TIERS } from "../types.js";
import { bootstrapMean, percentileInterval } from "./bootstrap-mean.js";
import type { CellAccumulator } from "./cell-accumulator.js";
import { fitHorizon } from "./difficulty-horizon.js";
import type { HorizonTask } from "./difficulty-horizon.js";
import type { AnalysisOptions, CellSummary, TierSummary } from "./summary-types.js";

/**
 * Tier value per (suite, harness, tier): per task, the mean over the tier's models; then the
 * mean over tasks with a bootstrap interval. The horizon pools the tier's models per task.
 */
export function summarizeTiers(
  cells: readonly { summary: CellSummary; accumulator: CellAccumulator }[],
  options: AnalysisOptions,
): TierSummary[] {
  const groups = new Map<string, { summary: CellSummary; accumulator: CellAccumulator }[]>();
  for (const cell of cells) {
    const key = `${cell.summary.suite}\u0000${cell.summary.harness}\u0000${cell.summary.tier}`;
    const group = groups.get(key);
    if (group) group.push(cell);
    else groups.set(key, [cell]);
  }
  const tiers: TierSummary[] = [];
  for (const group of groups.values()) {
    const { suite, harness, tier } = group[0]!.summary;
    const sums = new Map<string, { total: number; count: number }>();
    for (const { summary } of group) {
      for (const [taskId, value] of Object.entries(summary.taskValues)) {
        const entry = sums.get(taskId) ?? { total: 0, count: 0 };
        entry.total += value;
        entry.count++;
        sums.set(taskId, entry);
      }
    }
    const taskValues: Record<string, number> = {};
    for (const [taskId, entry] of sums) taskValues[taskId] = entry.total / entry.count;
    const values = Object.values(taskValues);
    const label = `tier\u0000${suite}\u0000${harness}\u0000${tier}`;
    const bootstrap =
      values.length > 0 ? bootstrapMean(values, { seed: options.seed, resamples: options.resamples, label }) : null;
    // One model in the tier: the tier is that cell, so show the very same interval.
    const ci95 =
      group.length === 1
        ? group[0]!.summary.ci95
        : bootstrap
          ? percentileInterval(bootstrap.distribution, options.level)
          : null;
    const costs = group.map(({ summary }) => summary.cost.perTaskUsd);
    const limitFailures = group.reduce((total, { summary }) => total + summary.failures.harnessLimit, 0);
    const scoredFailures = group.reduce(
      (total, { summary }) => total + summary.failures.harnessLimit + summary.failures.wrongAnswer,
      0,
    );
    tiers.push({
      suite,
      harness,
      tier,
      models: group.map(({ summary }) => summary.model),
      simulated: group.some(({ summary }) => summary.simulated),
      tasks: values.length,
      mean: bootstrap ? bootstrap.estimate : null,
      ci95,
      taskValues,
      costPerTaskUsd: costs.every((cost) => cost !== null) ? costs.reduce((a, b) => a! + b!, 0)! / costs.length : null,
      harnessLimitShare: scoredFailures > 0 ? limitFailures / scoredFailures : null,
      horizon: fitHorizon(pooledHorizonTasks(group.map(({ accumulator }) => accumulator)), {
        ...options.horizon,
        level: options.level,
        seed: options.seed,
        label: `horizon\u0000${label}`,
      }),
    });
  }
  return tiers.sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier));
}

function pooledHorizonTasks(accumulators: readonly CellAccumulator[]): HorizonTask[] {
  const pooled = new Map<string, HorizonTask>();
  for (const accumulator of accumulators) {
    for (const [taskId, task] of [...accumulator.tasks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (task.difficulty === undefined || task.scored === 0) continue;
      const entry = pooled.get(taskId) ?? { difficulty: task.difficulty, trials: 0, successes: 0 };
      entry.trials += task.scored;
      entry.successes += task.passed;
      pooled.set(taskId, entry);
    }
  }
  return [...pooled.values()];
}
