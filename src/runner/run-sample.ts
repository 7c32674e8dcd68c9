import { executeHarness } from "../harness-kit/execute-harness.js";
import { lazyScratchDir } from "../harness-kit/scratch-dir.js";
import type { ResolvedHarness } from "../registry/resolve-harness-ref.js";
import type { Limits, ModelClient, Price, SampleRecord, Suite, Task, TraceEvent } from "../types.js";

export interface SamplePlan {
  key: string;
  suite: Suite;
  task: Task;
  harness: ResolvedHarness;
  model: { client: ModelClient; tier: SampleRecord["tier"]; price: Price | null };
  epoch: number;
}

export interface SampleOutcome {
  record: SampleRecord;
  trace: TraceEvent[];
}

export function sampleKey(suite: string, taskId: string, harness: string, model: string, epoch: number): string {
  return `${suite}|${taskId}|${harness}|${model}|${epoch}`;
}

/**
 * Runs one sample: the harness under the sample's limits (the harness kit), then the scorer.
 * Returns null when the run itself was stopped (Ctrl-C) before the sample finished: an
 * unfinished sample is never written, so --resume redoes it.
 */
export async function runSample(
  plan: SamplePlan,
  context: {
    limits: Limits;
    runSignal: AbortSignal;
    scratchRoot: string;
    seed: number;
    workflows?: Record<string, unknown>;
  },
): Promise<SampleOutcome | null> {
  const scratch = lazyScratchDir(context.scratchRoot);
  try {
    const execution = await executeHarness(
      plan.harness.harness,
      {
        task: plan.task,
        suite: {
          name: plan.suite.name,
          documents: plan.suite.documents ?? "stuff",
          ...(plan.suite.tools ? { tools: plan.suite.tools } : {}),
        },
        model: plan.model.client,
        price: plan.model.price,
        options: plan.harness.options,
        limits: context.limits,
        epoch: plan.epoch,
        seed: context.seed,
        ...(context.workflows ? { workflows: context.workflows } : {}),
      },
      { signal: context.runSignal, scratch },
    );
    if (execution.interrupted || context.runSignal.aborted) return null;
    const { result, recorder } = execution;
    let error = execution.error;

    let score: SampleRecord["score"] = null;
    if (!error) {
      try {
        score = await plan.suite.scorer.score({
          task: plan.task,
          answer: result.answer,
          ...(result.toolCalls ? { toolCalls: result.toolCalls } : {}),
          trajectory: recorder.events,
          signal: context.runSignal,
        });
      } catch (caught) {
        if (context.runSignal.aborted) return null;
        error = { kind: "scorer", message: (caught as Error).message };
      }
    }
    // A scorer cut short by Ctrl-C may still return: what it says is not a verdict.
    if (context.runSignal.aborted) return null;

    const record: SampleRecord = {
      key: plan.key,
      suite: plan.suite.name,
      taskId: plan.task.id,
      harness: plan.harness.label,
      model: plan.model.client.id,
      tier: plan.model.tier,
      simulated: plan.model.client.simulated,
      epoch: plan.epoch,
      ...(plan.task.difficulty !== undefined ? { difficulty: plan.task.difficulty } : {}),
      ...familyOf(plan.task),
      answer: result.answer,
      score,
      stopReason: result.stopReason,
      usage: recorder.usage,
      costUsd: recorder.costUsd,
      ...(recorder.replayedCostUsd > 0 ? { replayedCostUsd: recorder.replayedCostUsd } : {}),
      ...(recorder.listCostUsd !== null && recorder.listCostUsd !== recorder.costUsd
        ? { listCostUsd: recorder.listCostUsd }
        : {}),
      latencyMs: Math.round((performance.now() - recorder.startedAt) * 100) / 100,
      modelCalls: recorder.modelCalls,
      toolCalls: recorder.toolCalls,
      cachedCalls: recorder.cachedCalls,
      ...(error ? { error } : {}),
      ...(recorder.warnings.size ? { warnings: [...recorder.warnings] } : {}),
    };
    return { record, trace: recorder.events };
  } finally {
    scratch.remove();
  }
}

/** The task's family (or cluster), for intervals that resample families, then tasks. */
function familyOf(task: Task): { family?: string } {
  const family = task.metadata?.family ?? task.metadata?.cluster;
  return typeof family === "string" || typeof family === "number" ? { family: String(family) } : {};
}
