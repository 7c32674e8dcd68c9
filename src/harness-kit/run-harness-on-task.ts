import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type {
  DocumentPolicy,
  Harness,
  Limits,
  ModelClient,
  Price,
  SampleError,
  Score,
  Scorer,
  StopReason,
  Task,
  Tool,
  ToolCall,
  TraceEvent,
  Usage,
} from "../types.js";
import { executeHarness } from "./execute-harness.js";
import { checkHarnessOptions } from "./harness-options.js";
import { lazyScratchDir } from "./scratch-dir.js";

export const DEFAULT_LIMITS: Limits = { maxTurns: 20, maxTokens: 200_000, maxCostUsd: null, timeoutMs: 120_000 };

export interface RunHarnessOnTaskOptions {
  harness: Harness;
  task: Task;
  /** Any model client: a scripted model in tests, a real or simulated one otherwise. */
  model: ModelClient;
  /** The task's tools: a list, or a factory given the sample's scratch directory (fresh per call). */
  tools?: Tool[] | ((task: Task, context: { scratchDir: string }) => Tool[]);
  /** How the harness may use the task's documents. Default `stuff`. */
  documents?: DocumentPolicy;
  suiteName?: string;
  /** Variant options as in `name[key=value]`; checked against the harness's declaration. */
  options?: Record<string, string>;
  limits?: Partial<Limits>;
  price?: Price | null;
  epoch?: number;
  seed?: number;
  workflows?: Record<string, unknown>;
  signal?: AbortSignal;
  /** Also score the answer. */
  scorer?: Scorer;
}

export interface HarnessRunResult {
  answer: string;
  stopReason: StopReason;
  /** Calls the harness gave as its answer (function-calling suites). */
  answerToolCalls?: ToolCall[];
  /** Every model call, tool call and note, in order, with the agent that made it. */
  trajectory: TraceEvent[];
  usage: Usage;
  costUsd: number | null;
  modelCalls: number;
  toolCalls: number;
  /** A provider fault or a bug in the harness: the run would record an error, not a score. */
  error?: SampleError;
  score?: Score;
}

/**
 * Runs one harness on one task with one model, exactly as a run's sample would (traced calls,
 * limits, tools, scratch directory), and returns the answer, stop reason and trajectory. No
 * results directory is written: this is how a harness author tests a harness.
 */
export async function runHarnessOnTask(options: RunHarnessOnTaskOptions): Promise<HarnessRunResult> {
  const harnessOptions = options.options ?? {};
  checkHarnessOptions(options.harness, harnessOptions, `harness "${options.harness.name}"`, {
    workflows: options.workflows ?? {},
  });
  const root = mkdtempSync(path.join(os.tmpdir(), "capbench-harness-"));
  const scratch = lazyScratchDir(root);
  const tools = options.tools;
  try {
    const execution = await executeHarness(
      options.harness,
      {
        task: options.task,
        suite: {
          name: options.suiteName ?? "task",
          documents: options.documents ?? "stuff",
          ...(tools ? { tools: typeof tools === "function" ? tools : () => tools } : {}),
        },
        model: options.model,
        price: options.price ?? null,
        options: harnessOptions,
        limits: { ...DEFAULT_LIMITS, ...options.limits },
        epoch: options.epoch ?? 0,
        seed: options.seed ?? 0,
        ...(options.workflows ? { workflows: options.workflows } : {}),
      },
      { scratch, ...(options.signal ? { signal: options.signal } : {}) },
    );
    const { result, recorder } = execution;
    const outcome: HarnessRunResult = {
      answer: result.answer,
      stopReason: result.stopReason,
      ...(result.toolCalls ? { answerToolCalls: result.toolCalls } : {}),
      trajectory: recorder.events,
      usage: { ...recorder.usage },
      costUsd: recorder.costUsd,
      modelCalls: recorder.modelCalls,
      toolCalls: recorder.toolCalls,
      ...(execution.error ? { error: execution.error } : {}),
    };
    if (options.scorer && !execution.error) {
      outcome.score = await options.scorer.score({
        task: options.task,
        answer: result.answer,
        ...(result.toolCalls ? { toolCalls: result.toolCalls } : {}),
        trajectory: recorder.events,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    }
    return outcome;
  } finally {
    scratch.remove();
    rmSync(root, { recursive: true, force: true });
  }
}
