import type { ModelClient, Price, Suite, Tier } from "../types.js";
import type { ResolvedHarness } from "../registry/resolve-harness-ref.js";
import { sampleKey, type SamplePlan } from "./run-sample.js";
import { shardFilter, type Shard } from "./shard.js";

export interface PlannedModel {
  client: ModelClient;
  tier: Tier;
  price: Price | null;
}

/**
 * The matrix suites × tasks × harnesses × models × epochs, lazily, in an order that spreads
 * each task's samples over time (epochs outermost) so partial results are already balanced.
 */
export function* planSamples(input: {
  suites: Suite[];
  harnesses: ResolvedHarness[];
  models: PlannedModel[];
  epochs: number;
  shard: Shard | null;
  skip: Set<string>;
}): Generator<SamplePlan> {
  const inShard = shardFilter(input.suites, input.shard);
  for (let epoch = 0; epoch < input.epochs; epoch++) {
    for (const suite of input.suites) {
      for (const task of suite.tasks) {
        if (!inShard(suite.name, task)) continue;
        for (const harness of input.harnesses) {
          for (const model of input.models) {
            const key = sampleKey(suite.name, task.id, harness.label, model.client.id, epoch);
            if (input.skip.has(key)) continue;
            yield { key, suite, task, harness, model, epoch };
          }
        }
      }
    }
  }
}

export function countPlanned(input: Parameters<typeof planSamples>[0]): number {
  const inShard = shardFilter(input.suites, input.shard);
  let total = 0;
  for (const suite of input.suites) {
    const tasks = suite.tasks.filter((task) => inShard(suite.name, task)).length;
    total += tasks * input.harnesses.length * input.models.length * input.epochs;
  }
  return total;
}
