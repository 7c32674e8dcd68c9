import { rmSync } from "node:fs";
import { setMaxListeners } from "node:events";
import os from "node:os";
import path from "node:path";
import PQueue from "p-queue";
import type { Summary } from "../analysis/summary-types.js";
import type { ResolvedConfig } from "../config/resolved-config.js";
import { RunError, UsageError } from "../errors.js";
import { describeBaseURL } from "../models/secrets.js";
import { RunStore, type RunInfo } from "../store/run-store.js";
import { countPlanned, planSamples } from "./plan-samples.js";
import type { ProgressReporter } from "./progress-reporter.js";
import { prepareRun } from "./prepare-run.js";
import { admitSample, openBatchSession } from "./batch-admission.js";
import { runSample } from "./run-sample.js";
import type { Shard } from "./shard.js";
import type { SampleRecord } from "../types.js";
import { gitCommit, versionInfo } from "./version-info.js";

export interface RunOptions {
  config: ResolvedConfig;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Ctrl-C: in-flight samples are dropped, the directory stays resumable. */
  signal?: AbortSignal;
  reporter?: ProgressReporter;
  /** Finish an interrupted run in this directory (its run.json config is used). */
  resumeDir?: string;
  shard?: Shard | null;
  runId?: string;
}

export interface RunOutcome {
  dir: string;
  runId: string;
  summary: Summary;
  interrupted: boolean;
  counts: { planned: number; done: number; errors: number };
  warnings: string[];
}

export function newRunId(date = new Date()): string {
  const stamp = date.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${stamp}-${Math.floor(Math.random() * 0xffff)
    .toString(16)
    .padStart(4, "0")}`;
}

/** The config as written to run.json: credentials in base URLs removed; keys were never in it. */
function publicConfig(config: ResolvedConfig): Record<string, unknown> {
  return {
    ...config,
    models: config.models.map((model) =>
      model.baseURL ? { ...model, baseURL: describeBaseURL(model.baseURL) } : model,
    ),
  };
}

/** Runs suites × harnesses × models × epochs and writes the results directory. */
export async function run(options: RunOptions): Promise<RunOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  let config = options.config;
  let previous: RunInfo | null = null;
  if (options.resumeDir) {
    previous = RunStore.readInfo(options.resumeDir);
    if (!previous)
      throw new UsageError(`--resume ${options.resumeDir}: no run.json there; is this a capbench results directory?`);
    const stored = previous.config as unknown as ResolvedConfig;
    // Base URLs were stripped of credentials on disk; take them from the current config.
    config = {
      ...stored,
      models: stored.models.map((model) => config.models.find((current) => current.id === model.id) ?? model),
      concurrency: config.concurrency,
      // A batch run resumes in batch mode (it re-attaches to its batches); the poll interval is today's.
      batch: stored.batch === true || config.batch,
      batchPollIntervalMs: config.batchPollIntervalMs,
      batchRetry: stored.batchRetry ?? config.batchRetry,
    };
  }
  const shard = options.shard ?? previous?.shard ?? null;
  const runId = previous?.runId ?? options.runId ?? newRunId();
  const dir = options.resumeDir ?? config.out ?? path.join(config.resultsDir, runId);

  // Everything that can be wrong with the input is checked before any work or any file.
  const { suites, harnesses, models } = await prepareRun(config, { cwd, env });

  const store = RunStore.open(dir);
  // Checked under the lock: a second run into a finished or running directory would append duplicates.
  if (!options.resumeDir && RunStore.readInfo(dir)) {
    store.close();
    throw new UsageError(`${dir}: already holds a run; finish it with --resume ${dir} or choose another --out`);
  }
  // Created only when a sample first asks for a scratch directory (most suites never do).
  const scratchRoot = path.join(os.tmpdir(), `capbench-scratch-${process.pid}-${Date.now().toString(36)}`);
  const warnings = new Set<string>();
  const batch = config.batch ? openBatchSession(config, { dir, env, models, reporter: options.reporter }) : null;
  try {
    const finished = options.resumeDir ? await store.finished() : { keys: new Set<string>(), errors: 0 };
    const skip = finished.keys;
    const matrix = { suites, harnesses, models, epochs: config.epochs, shard, skip: new Set<string>() };
    const planned = countPlanned(matrix);
    const info: RunInfo = {
      runId,
      status: "running",
      config: publicConfig(config),
      versions: versionInfo(),
      gitCommit: previous?.gitCommit ?? gitCommit(cwd),
      startedAt: previous?.startedAt ?? new Date().toISOString(),
      endedAt: null,
      shard,
    };
    store.writeInfo(info);
    options.reporter?.onRunStart?.({ dir, planned, alreadyDone: skip.size });

    const runAbort = new AbortController();
    setMaxListeners(0, runAbort.signal); // one listener per sample in flight
    const onOuterAbort = () => runAbort.abort();
    options.signal?.addEventListener("abort", onOuterAbort, { once: true });
    // The analysis and report code loads while the first requests are in flight, not after.
    const reporting = Promise.all([import("../analysis/summarize-run.js"), import("../report/write-reports.js")]);
    reporting.catch(() => {});
    let done = skip.size;
    let doneNow = 0;
    let errors = finished.errors;
    let failure: unknown = null;
    const recordDone = (record: SampleRecord): void => {
      done++;
      doneNow++;
      if (record.error) errors++;
      for (const warning of record.warnings ?? []) warnings.add(warning);
      options.reporter?.onSampleEnd?.(record);
    };
    const concurrency = batch?.concurrency(planned) ?? config.concurrency;
    const queue = new PQueue({ concurrency });
    for (const plan of planSamples({ ...matrix, skip })) {
      if (runAbort.signal.aborted) break;
      await queue.onSizeLessThan(concurrency * 2);
      if (runAbort.signal.aborted) break;
      void queue.add(async () => {
        const admitted = await admitSample(batch, plan, config.limits, runAbort.signal);
        try {
          const outcome = await runSample(admitted.plan, {
            limits: admitted.limits,
            runSignal: runAbort.signal,
            scratchRoot,
            seed: config.seed,
            workflows: config.workflows,
          });
          if (!outcome) return;
          store.appendSample(outcome.record, outcome.trace);
          recordDone(outcome.record);
        } catch (error) {
          // A write error (disk full, read-only) or a bug: stop the run, keep what is written.
          failure ??= error;
          runAbort.abort();
        } finally {
          admitted.release();
        }
      });
    }
    await queue.onIdle();
    options.signal?.removeEventListener("abort", onOuterAbort);
    if (failure) throw failure;

    const interrupted = runAbort.signal.aborted;
    const counts = { planned, done, errors };
    store.writeInfo({
      ...info,
      status: interrupted ? "interrupted" : "complete",
      endedAt: new Date().toISOString(),
      counts,
      warnings: [...warnings],
    });
    options.reporter?.onRunEnd?.({ dir, interrupted });
    const [{ summarizeRun }, { writeReports }] = await reporting;
    const summary = await summarizeRun(dir);
    await writeReports(dir, summary);
    if (!interrupted && doneNow > 0 && errors === done) {
      throw new RunError(
        `every sample errored (${errors} of ${done}); see ${path.join(dir, "samples.jsonl")} for the provider messages`,
      );
    }
    return { dir, runId, summary, interrupted, counts, warnings: [...warnings] };
  } finally {
    batch?.close();
    store.close();
    rmSync(scratchRoot, { recursive: true, force: true });
  }
}
