import type { SampleIdentitySet } from "../store/index.js";
import type { ModelClient, Price, Suite, Task, Tier } from "../types.js";
import type { ResolvedHarness } from "../registry/resolve-harness-ref.js";
import { sampleKey, type SamplePlan } from "./run-sample.js";

export interface PlannedModel {
  client: ModelClient;
  tier: Tier;
  price: Price | null;
}

/** Which tasks this process runs (all of them unless sharded). */
export type TaskFilter = (suite: string, task: Task) => boolean;

export interface ModelMatrix {
  suites: Suite[];
  harnesses: ResolvedHarness[];
  models: PlannedModel[];
  epochs: number;
}

/** Which samples of the matrix to plan, beyond the shard and what is done (an adaptive round). */
export interface SampleSelection {
  task?: (suite: Suite, task: Task) => boolean;
  cell?: (suite: Suite, harness: ResolvedHarness, model: PlannedModel) => boolean;
}

/**
 * The matrix suites × tasks × harnesses × models × epochs, lazily, in an order that spreads
 * each task's samples over time (epochs outermost) so partial results are already balanced.
 * Samples already `done` (a resume) are left out, and so are those `select` leaves out.
 */
export function* planSamples(
  matrix: ModelMatrix,
  filter: { inShard: TaskFilter; done: Pick<SampleIdentitySet, "has"> },
  select: SampleSelection = {},
): Generator<SamplePlan> {
  for (let epoch = 0; epoch < matrix.epochs; epoch++) {
    for (const suite of matrix.suites) {
      for (const task of suite.tasks) {
        if (!filter.inShard(suite.name, task) || (select.task && !select.task(suite, task))) continue;
        for (const harness of matrix.harnesses) {
          for (const model of matrix.models) {
            if (select.cell && !select.cell(suite, harness, model)) continue;
            const identity = {
              suite: suite.name,
              taskId: task.id,
              harness: harness.label,
              model: model.client.id,
              epoch,
            };
            if (filter.done.has(identity)) continue;
            yield {
              key: sampleKey(suite.name, task.id, harness.label, model.client.id, epoch),
              suite,
              task,
              harness,
              model,
              epoch,
            };
          }
        }
      }
    }
  }
}

/** Samples of the matrix in this shard, finished ones included. */
export function countPlanned(matrix: ModelMatrix, inShard: TaskFilter): number {
  let total = 0;
  for (const suite of matrix.suites) {
    const tasks = suite.tasks.filter((task) => inShard(suite.name, task)).length;
    total += tasks * matrix.harnesses.length * matrix.models.length * matrix.epochs;
  }
  return total;
}
