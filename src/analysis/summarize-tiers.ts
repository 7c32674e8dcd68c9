import type { CellAccumulator } from "./cell-accumulator.js";
import type { CapabilityScale } from "./capability-scale.js";
import { fitHorizon } from "./difficulty-horizon.js";
import type { HorizonTask } from "./difficulty-horizon.js";
import type { AnalysisOptions, CellSummary, TierSummary } from "./summary-types.js";

/**
 * Tier value per (suite, harness, tier): every model of the tier with data gets equal weight, on
 * the tasks every one of them scored (a model that scored only the easy tasks cannot pull the
 * tier towards them); coverage says how many tasks that leaves and which models have no data.
 * The interval is filled by the suite's joint bootstrap. The horizon pools the tier's models.
 */
export function summarizeTiers(
  cells: readonly { summary: CellSummary; accumulator: CellAccumulator }[],
  options: AnalysisOptions,
  context: { scale: CapabilityScale; modelsByTier: ReadonlyMap<string, readonly string[]> },
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
    const withData = group.filter(({ summary }) => summary.tasks > 0);
    const configured = context.modelsByTier.get(tier) ?? [];
    const models = [...new Set([...configured, ...group.map(({ summary }) => summary.model)])];
    const modelsWithData = withData.map(({ summary }) => summary.model);
    const anyTasks = new Set<string>();
    for (const { summary } of withData) for (const taskId of Object.keys(summary.taskValues)) anyTasks.add(taskId);
    const taskValues: Record<string, number> = {};
    let total = 0;
    let count = 0;
    for (const taskId of [...anyTasks].sort()) {
      let sum = 0;
      let every = true;
      for (const { summary } of withData) {
        const value = summary.taskValues[taskId];
        if (value === undefined) {
          every = false;
          break;
        }
        sum += value;
      }
      if (!every) continue;
      const value = sum / withData.length;
      taskValues[taskId] = value;
      total += value;
      count++;
    }
    const samples = group.reduce((sum, { summary }) => sum + summary.samples, 0);
    const errors = group.reduce((sum, { summary }) => sum + summary.errors, 0);
    const costs = group.map(({ summary }) => summary.cost.perTaskListUsd);
    const limitFailures = group.reduce((sum, { summary }) => sum + summary.failures.harnessLimit, 0);
    const scoredFailures = group.reduce(
      (sum, { summary }) => sum + summary.failures.harnessLimit + summary.failures.wrongAnswer,
      0,
    );
    const label = `tier\u0000${suite}\u0000${harness}\u0000${tier}`;
    tiers.push({
      suite,
      harness,
      tier,
      capability: context.scale.byTier.get(tier) ?? Number.NaN,
      models,
      // Simulated only when every model of the tier is: a real model is never labelled simulated.
      simulated: group.every(({ summary }) => summary.simulated),
      tasks: count,
      samples,
      errors,
      errorHeavy: samples > 0 && errors / samples > options.thresholds.errorHeavyShare,
      coverage: {
        modelsWithData,
        modelsWithoutData: models.filter((model) => !modelsWithData.includes(model)),
        sharedTasks: count,
        anyTasks: anyTasks.size,
      },
      mean: count > 0 ? total / count : null,
      ci95: null,
      taskValues,
      costPerTaskUsd: costs.every((cost) => cost !== null) ? costs.reduce((a, b) => a! + b!, 0)! / costs.length : null,
      harnessLimitShare: scoredFailures > 0 ? limitFailures / scoredFailures : null,
      horizon: fitHorizon(pooledHorizonTasks(withData.map(({ accumulator }) => accumulator)), {
        ...options.horizon,
        level: options.level,
        seed: options.seed,
        label: `horizon\u0000${label}`,
      }),
    });
  }
  const order = context.scale.tierOrder;
  return tiers.sort((a, b) => order.indexOf(a.tier) - order.indexOf(b.tier));
}

function pooledHorizonTasks(accumulators: readonly CellAccumulator[]): HorizonTask[] {
  const pooled = new Map<string, HorizonTask>();
  for (const accumulator of accumulators) {
    for (const [taskId, task] of [...accumulator.tasks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (task.difficulty === undefined || task.scored === 0) continue;
      const entry = pooled.get(taskId) ?? {
        difficulty: task.difficulty,
        trials: 0,
        successes: 0,
        family: task.family,
      };
      entry.trials += task.scored;
      entry.successes += task.passed;
      pooled.set(taskId, entry);
    }
  }
  return [...pooled.values()];
}
