import type { ResolvedConfig } from "../config/resolved-config.js";
import type { BatchSession } from "../models/batch/batch-session.js";
import type { Limits } from "../types.js";
import type { PlannedModel } from "./plan-samples.js";
import type { ProgressReporter } from "./progress-reporter.js";
import type { SamplePlan } from "./run-sample.js";

// The runner's side of batch mode, kept out of run.ts: open the session for the results
// directory, and admit each planned sample (a batching client for batchable harnesses on
// openai:/anthropic: models, a direct slot for the rest).

/**
 * The batch session of a run, with the journal in `dir`; `models` in the order of config.models.
 * The batch modules (and their SDK clients) load only for a batch run.
 */
export async function openBatchSession(
  config: ResolvedConfig,
  context: {
    dir: string;
    env: NodeJS.ProcessEnv;
    models: PlannedModel[];
    reporter?: ProgressReporter;
    cacheNamespace?: string;
  },
): Promise<BatchSession> {
  const { reporter } = context;
  const { BatchSession } = await import("../models/batch/batch-session.js");
  return new BatchSession({
    dir: context.dir,
    models: config.models.map((spec, index) => ({
      spec,
      client: context.models[index]!.client,
      price: context.models[index]!.price,
    })),
    env: context.env,
    cache: config.cache,
    pollIntervalMs: config.batchPollIntervalMs,
    retryMode: config.batchRetry,
    directConcurrency: config.concurrency,
    ...(context.cacheNamespace ? { cacheNamespace: context.cacheNamespace } : {}),
    ...(reporter?.onBatchProgress ? { onProgress: (progress) => reporter.onBatchProgress!(progress) } : {}),
    ...(reporter?.onNote ? { onNote: (message) => reporter.onNote!(message) } : {}),
  });
}

export interface AdmittedPlan {
  plan: SamplePlan;
  limits: Limits;
  release(): void;
}

/** The plan and limits to run a sample with; `release()` once it is done (written or not). */
export async function admitSample(
  batch: BatchSession | null,
  plan: SamplePlan,
  limits: Limits,
  signal: AbortSignal,
): Promise<AdmittedPlan> {
  if (!batch) return { plan, limits, release: () => {} };
  const admitted = await batch.admit(
    { key: plan.key, harness: plan.harness.harness.name, model: plan.model.client, limits },
    signal,
  );
  return {
    plan: admitted.batched ? { ...plan, model: { ...plan.model, client: admitted.model } } : plan,
    limits: admitted.limits,
    release: admitted.release,
  };
}
