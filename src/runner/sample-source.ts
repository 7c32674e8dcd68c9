import type { RunConfigRecord, SampleIdentitySet } from "../store/index.js";
import type { BatchSession } from "../models/batch/batch-session.js";
import type { Limits, SampleRecord, Suite, Tier } from "../types.js";
import type { TaskFilter } from "./plan-samples.js";
import type { ProgressReporter } from "./progress-reporter.js";
import type { SamplePlan } from "./run-sample.js";

/**
 * Where a run's samples come from. The run engine (run.ts) schedules, records, resumes, shards
 * and reports them the same way whatever the source: harnesses driving models
 * (model-source.ts), or answers recorded elsewhere (completions-source.ts).
 */
export interface SampleSource {
  /** run.json's `config`: what the run was asked to do, without secrets. */
  config: RunConfigRecord;
  /** The models and harness labels the run must produce data for (run completeness). */
  expected: { models: { id: string; tier: Tier }[]; harnesses: string[] };
  /** The suites with their tasks (sharding splits their tasks). */
  suites: Suite[];
  /** The samples to run, lazily and in order: those of the shard, minus the ones `done`. */
  plan(filter: PlanFilter): Iterable<SamplePlan> | AsyncIterable<SamplePlan>;
  /** How many samples the shard holds, finished ones included. */
  countPlanned(inShard: TaskFilter): number;
  /** Samples in flight. */
  concurrency: number;
  limits: Limits;
  seed: number;
  workflows?: Record<string, unknown>;
  /** A last touch on each record before it is written. */
  finishRecord?(record: SampleRecord): void;
  /** Notes for the user (printed as warnings, recorded in run.json). */
  warnings?: string[];
  /** Facts about the run's set-up to record in run.json (e.g. the MCP servers' versions). */
  details?: Record<string, unknown>;
  /** Closes what the source opened (MCP connections, the gateway). */
  close?(): Promise<void>;
  /** Batch mode: the session whose journal lives in the results directory `dir` (docs/cost.md). */
  openBatch?(context: { dir: string; reporter?: ProgressReporter }): Promise<BatchSession>;
  /** `--max-cost`: no new sample starts once the paid cost recorded plus in-flight estimates reach it (run-budget.ts). */
  maxCostUsd?: number | null;
  /** Why the source planned fewer samples than `countPlanned` on purpose (e.g. `adaptive-stop`), or null. */
  stoppedEarly?(): string | null;
}

/** What the engine tells `plan`: which samples to leave out, and (for sources that plan in rounds) how to wait for the ones in flight. */
export interface PlanFilter {
  inShard: TaskFilter;
  done: Pick<SampleIdentitySet, "has">;
  /** The results directory (a source that plans in rounds reads the samples written so far). */
  dir?: string;
  /** Aborted when the run stops (Ctrl-C, a write failure). */
  signal?: AbortSignal;
  /** Resolves when every sample planned so far has ended (written or dropped). */
  drain?: () => Promise<void>;
}
