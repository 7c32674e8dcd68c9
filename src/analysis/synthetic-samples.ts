// Synthetic sample records with a known truth, for the analysis tests and the report benchmark:
// each harness gives a success probability per (tier, task); samples are Bernoulli draws.
import type { SampleRecord, StopReason, Tier } from "../types.js";
import { createSeededRandom } from "../random/seeded-random.js";

export interface SyntheticTask {
  index: number;
  id: string;
  /** 1 when the spec gives tasks no difficulty. */
  difficulty: number;
  /** A per-task offset in [−0.5, 0.5): tasks differ in how hard they are. */
  easiness: number;
}

export interface SyntheticHarness {
  name: string;
  /** Success probability of one attempt (clamped to [0, 1]). */
  successProbability(tier: Tier, task: SyntheticTask): number;
  /** Stop reason of a failed attempt (default `answered`, i.e. a wrong answer). */
  failureStopReason?: (tier: Tier, random: () => number) => StopReason;
  /** US dollars per sample; null for no price. Default 0.001. */
  costPerSample?: number | null;
}

export interface SyntheticSpec {
  seed: number;
  suite: string;
  tasks: number;
  epochs: number;
  models: { id: string; tier: Tier; simulated?: boolean }[];
  harnesses: SyntheticHarness[];
  /** Task difficulty from its index (default 1 + index mod 16); null for tasks without one. */
  difficulty?: ((index: number) => number) | null;
  /** Share of samples that error (score null). Default 0. */
  errorRate?: number;
  /** Write a trace path on each record (`traces/<n>.json`). */
  tracePaths?: boolean;
}

export function* generateSyntheticSamples(spec: SyntheticSpec): Generator<SampleRecord> {
  const random = createSeededRandom(spec.seed, `synthetic\u0000${spec.suite}`);
  const tasks: SyntheticTask[] = [];
  for (let index = 0; index < spec.tasks; index++) {
    tasks.push({
      index,
      id: `${spec.suite}-${index}`,
      difficulty: spec.difficulty === null ? 1 : (spec.difficulty?.(index) ?? 1 + (index % 16)),
      easiness: random() - 0.5,
    });
  }
  let sequence = 0;
  for (const harness of spec.harnesses) {
    for (const model of spec.models) {
      for (const task of tasks) {
        for (let epoch = 0; epoch < spec.epochs; epoch++) {
          const probability = Math.min(1, Math.max(0, harness.successProbability(model.tier, task)));
          const errored = spec.errorRate !== undefined && random() < spec.errorRate;
          const pass = random() < probability;
          const stopReason: StopReason = errored
            ? "provider_error"
            : pass
              ? "answered"
              : (harness.failureStopReason?.(model.tier, random) ?? "answered");
          const cost = harness.costPerSample === undefined ? 0.001 : harness.costPerSample;
          sequence++;
          yield {
            key: `${spec.suite}|${task.id}|${harness.name}|${model.id}|${epoch}`,
            suite: spec.suite,
            taskId: task.id,
            harness: harness.name,
            model: model.id,
            tier: model.tier,
            simulated: model.simulated ?? model.id.startsWith("sim:"),
            epoch,
            ...(spec.difficulty === null ? {} : { difficulty: task.difficulty }),
            answer: pass ? "42" : "41",
            score: errored
              ? null
              : { value: pass ? 1 : 0, pass, explanation: pass ? "expected 42, got 42" : "expected 42, got 41" },
            stopReason,
            usage: { inputTokens: 100, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0 },
            costUsd: cost,
            latencyMs: 10,
            modelCalls: 1,
            toolCalls: 0,
            cachedCalls: 0,
            ...(spec.tracePaths ? { trace: `traces/${sequence}.json` } : {}),
            ...(errored ? { error: { kind: "provider" as const, message: "HTTP 503 from provider" } } : {}),
          };
        }
      }
    }
  }
}
