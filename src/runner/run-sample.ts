import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { ProviderError } from "../errors.js";
import type {
  Tool,
  HarnessContext,
  HarnessResult,
  Limits,
  ModelClient,
  Price,
  SampleRecord,
  Suite,
  Task,
  ToolBox,
  TraceEvent,
} from "../types.js";
import { HarnessLimitError } from "./harness-limit-error.js";
import { recordingModel } from "./recording-model.js";
import type { ResolvedHarness } from "./resolve-harness.js";
import { SampleRecorder } from "./sample-recorder.js";
import { createToolBox } from "./tool-box.js";

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
 * Runs one sample: the harness under the sample's limits, then the scorer. Returns null when
 * the run itself was aborted (Ctrl-C): an unfinished sample is not written, so --resume redoes it.
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
  const recorder = new SampleRecorder(true);
  // One controller per sample, aborted by the run or by the timer. (Not AbortSignal.any: on
  // Node 20 signals composed from a long-lived one are retained by it, a leak per sample.)
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new HarnessLimitError("timeout", "sample wall-time limit reached")),
    context.limits.timeoutMs,
  );
  const onRunAbort = () => controller.abort(context.runSignal.reason);
  if (context.runSignal.aborted) onRunAbort();
  else context.runSignal.addEventListener("abort", onRunAbort, { once: true });
  const signal = controller.signal;
  const scratch = lazyScratchDir(context.scratchRoot);

  let result: HarnessResult;
  let error: SampleRecord["error"];
  try {
    const harnessContext = createHarnessContext(plan, {
      recorder,
      signal,
      scratch,
      limits: context.limits,
      seed: context.seed,
      agent: "main",
      ...(context.workflows ? { workflows: context.workflows } : {}),
    });
    const stopped = new Promise<never>((_, reject) => {
      const onAbort = () =>
        reject(signal.reason instanceof Error ? signal.reason : new HarnessLimitError("timeout", "aborted"));
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
    });
    stopped.catch(() => {});
    result = await Promise.race([plan.harness.harness.run(harnessContext), stopped]);
  } catch (caught) {
    if (context.runSignal.aborted) return null;
    if (caught instanceof HarnessLimitError) result = { answer: "", stopReason: caught.stopReason };
    else if (caught instanceof ProviderError) {
      result = { answer: "", stopReason: "provider_error" };
      error = {
        kind: "provider",
        message: caught.message,
        ...(caught.status !== undefined ? { status: caught.status } : {}),
      };
    } else {
      result = { answer: "", stopReason: "harness_error" };
      error = { kind: "harness", message: (caught as Error)?.message ?? String(caught) };
    }
  } finally {
    clearTimeout(timer);
    context.runSignal.removeEventListener("abort", onRunAbort);
  }
  if (context.runSignal.aborted) {
    scratch.remove();
    return null;
  }

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
  scratch.remove();
  // Interrupted means not recorded: a scorer cut by the run's abort may still return (e.g. 0, "aborted").
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
    answer: result.answer,
    score,
    stopReason: result.stopReason,
    usage: recorder.usage,
    costUsd: recorder.costUsd,
    latencyMs: Math.round((performance.now() - recorder.startedAt) * 100) / 100,
    modelCalls: recorder.modelCalls,
    toolCalls: recorder.toolCalls,
    cachedCalls: recorder.cachedCalls,
    ...(error ? { error } : {}),
    ...(recorder.warnings.size ? { warnings: [...recorder.warnings] } : {}),
  };
  return { record, trace: recorder.events };
}

/** The sample's scratch directory, created on first use (most samples never touch it). */
function lazyScratchDir(root: string): { readonly path: string; remove(): void } {
  let created: string | null = null;
  return {
    get path() {
      if (!created) {
        created = path.join(root, `${process.pid}-${Math.floor(Math.random() * 1e12).toString(36)}`);
        mkdirSync(created, { recursive: true });
      }
      return created;
    },
    remove() {
      if (created) rmSync(created, { recursive: true, force: true });
    },
  };
}

type Scratch = ReturnType<typeof lazyScratchDir>;

function createHarnessContext(
  plan: SamplePlan,
  shared: {
    recorder: SampleRecorder;
    signal: AbortSignal;
    scratch: Scratch;
    limits: Limits;
    seed: number;
    agent: string;
    tools?: ToolBox;
    workflows?: Record<string, unknown>;
  },
): HarnessContext {
  const { recorder, signal, scratch, limits } = shared;
  const makeTools = (agent: string, extra?: Tool[]) => {
    if (!plan.suite.tools && !extra) return createToolBox([], { agent, recorder, signal, scratchDir: "" });
    const scratchDir = scratch.path;
    return createToolBox(extra ?? plan.suite.tools!(plan.task, { scratchDir }), {
      agent,
      recorder,
      signal,
      scratchDir,
    });
  };
  const tools = shared.tools ?? makeTools(shared.agent);
  return {
    task: plan.task,
    suite: { name: plan.suite.name, documents: plan.suite.documents ?? "stuff" },
    model: recordingModel(plan.model.client, {
      agent: shared.agent,
      recorder,
      limits,
      price: plan.model.price,
      signal,
      epoch: plan.epoch,
    }),
    tools,
    limits,
    get usage() {
      return recorder.usage;
    },
    get turns() {
      return recorder.modelCalls;
    },
    get scratchDir() {
      return scratch.path;
    },
    signal,
    options: plan.harness.options,
    epoch: plan.epoch,
    seed: shared.seed,
    child(name, overrides) {
      const agent = `${shared.agent}/${name}`;
      return createHarnessContext(plan, {
        ...shared,
        agent,
        tools: overrides?.tools ?? makeTools(agent),
      });
    },
    toolBox(extra) {
      return makeTools(shared.agent, extra);
    },
    ...(shared.workflows ? { workflows: shared.workflows } : {}),
    note(message, data) {
      recorder.record({
        type: "note",
        agent: shared.agent,
        at: Date.now(),
        message,
        ...(data !== undefined ? { data } : {}),
      });
    },
  };
}
