import { passAtK, passHatK } from "./pass-at-k.js";
import type { TaskAccumulator } from "./cell-accumulator.js";
import type { EpochReducer } from "./summary-types.js";

/**
 * One value per task from its epochs. With fewer scored epochs than k, pass@k and pass^k fall
 * back to the plug-in estimates 1 − (1 − p)^k and p^k (noted in the summary).
 */
export function reduceEpochs(task: TaskAccumulator, reducer: EpochReducer, k: number): number | null {
  if (task.scored === 0) return null;
  if (reducer === "mean") return task.valueSum / task.scored;
  const passRate = task.passed / task.scored;
  if (reducer === "pass@k") return task.scored >= k ? passAtK(task.scored, task.passed, k) : 1 - (1 - passRate) ** k;
  return task.scored >= k ? passHatK(task.scored, task.passed, k) : passRate ** k;
}
