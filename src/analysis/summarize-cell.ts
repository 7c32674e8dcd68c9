import type { CellAccumulator } from "./cell-accumulator.js";
import { fitHorizon } from "./difficulty-horizon.js";
import type { HorizonTask } from "./difficulty-horizon.js";
import { passAtK } from "./pass-at-k.js";
import { reduceEpochs } from "./reduce-epochs.js";
import type { AnalysisOptions, CellCost, CellSummary, FailureAttribution } from "./summary-types.js";

const reportedPassAtK = [1, 10, 100];

/**
 * Everything about one (suite, harness, model) cell except its interval, which the suite's joint
 * bootstrap fills in (summarize-samples.ts). `capability` is the model's place on the axis.
 */
export function summarizeCell(cell: CellAccumulator, options: AnalysisOptions, capability: number): CellSummary {
  const taskValues: Record<string, number> = {};
  const values: number[] = [];
  const horizonTasks: HorizonTask[] = [];
  let minEpochs = Infinity;
  let maxEpochs = 0;
  let total = 0;
  // Sorted by task id: the bootstrap must not depend on the order samples reached the file
  // (a resumed or merged run writes the same samples in another order).
  for (const [taskId, task] of [...cell.tasks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const value = reduceEpochs(task, options.reducer, options.k);
    if (value === null) continue;
    taskValues[taskId] = value;
    values.push(value);
    total += value;
    minEpochs = Math.min(minEpochs, task.scored);
    maxEpochs = Math.max(maxEpochs, task.scored);
    if (task.difficulty !== undefined)
      horizonTasks.push({
        difficulty: task.difficulty,
        trials: task.scored,
        successes: task.passed,
        family: task.family,
      });
  }
  const label = `cell\u0000${cell.suite}\u0000${cell.harness}\u0000${cell.model}`;
  const scoredSamples = cell.samples - cell.errors;
  const errorShare = cell.samples > 0 ? cell.errors / cell.samples : 0;

  const passAtKValues: Record<string, number> = {};
  if (values.length > 0) {
    for (const k of reportedPassAtK) {
      if (minEpochs < k) break;
      let total = 0;
      for (const task of cell.tasks.values()) if (task.scored > 0) total += passAtK(task.scored, task.passed, k);
      passAtKValues[String(k)] = total / values.length;
    }
  }

  return {
    suite: cell.suite,
    harness: cell.harness,
    model: cell.model,
    tier: cell.tier,
    capability,
    simulated: cell.simulated,
    tasks: values.length,
    samples: cell.samples,
    errors: cell.errors,
    errorShare,
    errorHeavy: errorShare > options.thresholds.errorHeavyShare,
    epochs: { min: values.length > 0 ? minEpochs : 0, max: maxEpochs },
    mean: values.length > 0 ? total / values.length : null,
    ci95: null,
    taskValues,
    passRate: scoredSamples > 0 ? cell.passed / scoredSamples : null,
    passAtK: passAtKValues,
    stopReasons: Object.fromEntries(cell.stopReasons),
    failures: failureAttributionOf(cell),
    cost: costOf(cell),
    latencyMsMean: cell.samples > 0 ? cell.latencyMsSum / cell.samples : null,
    horizon: fitHorizon(horizonTasks, {
      ...options.horizon,
      level: options.level,
      seed: options.seed,
      label: `horizon\u0000${label}`,
    }),
  };
}

function failureAttributionOf(cell: CellAccumulator): FailureAttribution {
  const failures = cell.harnessLimitFailures + cell.wrongAnswerFailures + cell.errors;
  const share = (count: number) => (failures > 0 ? count / failures : 0);
  return {
    failures,
    harnessLimit: cell.harnessLimitFailures,
    wrongAnswer: cell.wrongAnswerFailures,
    error: cell.errors,
    shares: {
      harnessLimit: share(cell.harnessLimitFailures),
      wrongAnswer: share(cell.wrongAnswerFailures),
      error: share(cell.errors),
    },
    byStopReason: Object.fromEntries(cell.failureStopReasons),
  };
}

function costOf(cell: CellAccumulator): CellCost {
  const priced = cell.samples > 0 && cell.unpricedSamples === 0;
  return {
    priced,
    unpricedSamples: cell.unpricedSamples,
    totalUsd: priced ? cell.costUsd : null,
    paidUsd: priced ? cell.costUsd - cell.replayedCostUsd : null,
    replayedUsd: priced ? cell.replayedCostUsd : null,
    perTaskUsd: priced ? cell.costUsd / cell.samples : null,
    perTaskListUsd: priced ? cell.listCostUsd / cell.samples : null,
    perSolvedUsd: priced && cell.passed > 0 ? cell.costUsd / cell.passed : null,
    inputTokens: cell.inputTokens,
    outputTokens: cell.outputTokens,
    cacheReadTokens: cell.cacheReadTokens,
    cacheWriteTokens: cell.cacheWriteTokens,
    cacheReadShare: cell.inputTokens > 0 ? cell.cacheReadTokens / cell.inputTokens : null,
  };
}
