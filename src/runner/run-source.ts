import { setMaxListeners } from "node:events";
import PQueue from "p-queue";
import type { Summary } from "../analysis/summary-types.js";
import { RunError, UsageError } from "../errors.js";
import { readRunInfo, RunStore, type RunInfo, type RunStatus } from "../store/index.js";
import { SIM_UNRECOGNISED } from "../models/sim/sim-model.js";
import type { SampleRecord, TraceEvent } from "../types.js";
import { NoDataTracker } from "./no-data-tracker.js";
import { RunBudget, type BudgetState } from "./run-budget.js";
import type { ProgressReporter } from "./progress-reporter.js";
import { runSample } from "./run-sample.js";
import { admitSample } from "./batch-admission.js";
import type { BatchSession } from "../models/batch/batch-session.js";
import type { SampleSource } from "./sample-source.js";
import { createScratchRoot } from "./scratch-root.js";
import { shardFilter, type Shard } from "./shard.js";
import { gitCommit, versionInfo } from "./version-info.js";

export interface RunOutcome {
  dir: string;
  runId: string;
  summary: Summary;
  interrupted: boolean;
  /** What run.json says now. */
  status: RunStatus;
  /** A resume that found every planned sample already there: nothing was run or written. */
  alreadyComplete?: boolean;
  counts: { planned: number; done: number; errors: number };
  warnings: string[];
  /** Why a `partial` run stopped: a shard, the budget (`--max-cost`), or an adaptive stop. */
  partialReason?: string;
  /** `--max-cost`: the cap, what was spent and what remains. */
  budget?: BudgetState;
}

export interface RunSourceOptions {
  dir: string;
  runId: string;
  /** `create` a new results directory, or `resume` the one there. */
  mode: "create" | "resume";
  shard: Shard | null;
  cwd: string;
  signal?: AbortSignal;
  reporter?: ProgressReporter;
  /** Told of every sample as it is written (e.g. the OpenTelemetry exporter). */
  observer?: { onSample(record: SampleRecord, trace: TraceEvent[] | null): void };
}

/** A model whose endpoint died during the run (a refused key, an unreachable server). */
export interface DeadModel {
  model: string;
  fatal: "auth" | "unreachable";
  message: string;
}

/** How often (ms) the scheduling loop lets timers and signals in, when every sample resolves at once. */
const YIELD_EVERY_MS = 25;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The one run engine: takes the directory lock, skips what is finished (resume), runs the
 * source's samples in parallel, appends each finished sample, then writes run.json's status,
 * the summary and the reports. A sample whose run was aborted (Ctrl-C, a write failure) is never
 * written, whatever it returned. A run in which a model, tier or harness produced no scored
 * sample is `incomplete` and ends with a RunError (exit 3) after the reports are written.
 */
export async function runSource(source: SampleSource, options: RunSourceOptions): Promise<RunOutcome> {
  const { dir, shard } = options;
  const store = RunStore.open(dir, options.mode);
  const scratch = createScratchRoot();
  const warnings = new Set<string>(source.warnings ?? []);
  let batch: BatchSession | null = null;
  try {
    const previous: RunInfo | null = store.previous;
    const tracker = new NoDataTracker(source.expected);
    // --max-cost counts what earlier sessions of this directory already paid.
    const budget = source.maxCostUsd != null ? new RunBudget(source.maxCostUsd) : null;
    const finished = await store.finished((record) => {
      tracker.add(record);
      budget?.recordFinished(record);
    });
    if (finished.duplicates > 0)
      warnings.add(
        `${finished.duplicates} duplicate sample lines in ${dir} (written twice by an older capbench) are ignored`,
      );
    const inShard = shardFilter(source.suites, shard);
    const planned = source.countPlanned(inShard);
    const runId = previous?.runId ?? options.runId;
    if (
      previous &&
      isFinished(previous) &&
      (finished.done.size >= planned || previous.partialReason === "adaptive-stop")
    ) {
      const { summarizeRun } = await import("../analysis/summarize-run.js");
      return {
        dir,
        runId,
        summary: await summarizeRun(dir),
        interrupted: false,
        status: previous.status!,
        alreadyComplete: true,
        counts: previous.counts ?? { planned, done: finished.done.size, errors: finished.errors },
        warnings: [...warnings],
      };
    }
    const sharded = shard !== null && shard.count > 1;
    const info: RunInfo = {
      runId,
      status: "running",
      config: source.config,
      ...source.details,
      versions: versionInfo(),
      gitCommit: previous?.gitCommit ?? gitCommit(options.cwd),
      startedAt: previous?.startedAt ?? new Date().toISOString(),
      endedAt: null,
      shard: sharded ? shard : null,
    };
    store.writeInfo(info);
    options.reporter?.onRunStart?.({ dir, planned, alreadyDone: finished.done.size });

    const runAbort = new AbortController();
    setMaxListeners(0, runAbort.signal); // one listener per sample in flight
    const onOuterAbort = () => runAbort.abort();
    if (options.signal?.aborted) runAbort.abort();
    options.signal?.addEventListener("abort", onOuterAbort, { once: true });
    // The analysis and report code loads while the first samples run, not after.
    const reporting = Promise.all([import("../analysis/summarize-run.js"), import("../report/write-reports.js")]);
    reporting.catch(() => {});
    let done = finished.done.size;
    let errors = finished.errors;
    let failure: unknown = null;
    const recordDone = (record: SampleRecord): void => {
      done++;
      if (record.error) errors++;
      tracker.add(record);
      for (const warning of record.warnings ?? [])
        warnings.add(warning === SIM_UNRECOGNISED ? `suite ${record.suite}: ${warning}` : warning);
      options.reporter?.onSampleEnd?.(record);
    };
    // A refused key or an unreachable endpoint stops that model at once: its remaining samples
    // are not started, and the ones that failed fast are not written, so --resume redoes them.
    const dead = new Map<string, DeadModel>();
    // Batch mode: the journal in this directory, and enough samples in flight for a batch to fill.
    batch = (await source.openBatch?.({ dir, ...(options.reporter ? { reporter: options.reporter } : {}) })) ?? null;
    const concurrency = batch?.concurrency(planned) ?? source.concurrency;
    const queue = new PQueue({ concurrency });
    let lastYield = performance.now();
    try {
      const planFilter = { inShard, done: finished.done, dir, signal: runAbort.signal, drain: () => queue.onIdle() };
      for await (const plan of source.plan(planFilter)) {
        if (runAbort.signal.aborted) break;
        await queue.onSizeLessThan(concurrency * 2);
        // Samples that resolve without waiting on I/O (the simulated models) would otherwise keep
        // the loop on microtasks until the run ends, and Ctrl-C would not be seen.
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
        if (runAbort.signal.aborted) break;
        if (dead.has(plan.model.client.id)) continue;
        // --max-cost: waits while this model's pilot is in flight; null once the cap is reached.
        const ticket = budget ? await budget.admit(plan.model.client.id, runAbort.signal) : null;
        if (budget && !ticket) break;
        void queue.add(async () => {
          let written: SampleRecord | null = null;
          const admitted = await admitSample(batch, plan, source.limits, runAbort.signal).catch((error: unknown) => {
            if (ticket) budget!.release(ticket, null); // a pilot that never ran must not hold its model
            throw error;
          });
          try {
            const outcome = await runSample(admitted.plan, {
              limits: admitted.limits,
              runSignal: runAbort.signal,
              scratchRoot: scratch.path,
              seed: source.seed,
              ...(source.workflows ? { workflows: source.workflows } : {}),
            });
            // Interrupted means not recorded: a sample cut by an abort is redone by --resume.
            if (!outcome || runAbort.signal.aborted) return;
            const fatal = outcome.record.error?.fatal;
            if (fatal) {
              const model = outcome.record.model;
              if (!dead.has(model)) dead.set(model, { model, fatal, message: outcome.record.error!.message });
              return;
            }
            if (dead.has(outcome.record.model) && outcome.record.error?.kind === "provider") return;
            source.finishRecord?.(outcome.record);
            const trace = outcome.trace.length > 0 ? outcome.trace : null;
            store.appendSample(outcome.record, trace);
            written = outcome.record;
            recordDone(outcome.record);
            options.observer?.onSample(outcome.record, trace);
          } catch (error) {
            // A write error (disk full, read-only) or a bug: stop the run, keep what is written.
            failure ??= error;
            runAbort.abort();
          } finally {
            admitted.release();
            if (ticket) budget!.release(ticket, written);
          }
        });
      }
    } catch (error) {
      failure ??= error; // the source failed while planning (e.g. a completions file changed)
      runAbort.abort();
    }
    await queue.onIdle();
    options.signal?.removeEventListener("abort", onOuterAbort);
    if (failure) throw failure;

    const interrupted = runAbort.signal.aborted;
    const deadModels = [...dead.values()];
    // Stopped before the planned size on purpose: the budget ran out, or every verdict settled.
    const stopReason = interrupted || deadModels.length ? null : stoppedEarly(budget, source, done, planned);
    const noData = interrupted || stopReason ? [] : tracker.noData();
    const status: RunStatus = interrupted
      ? "interrupted"
      : deadModels.length
        ? "incomplete"
        : stopReason
          ? "partial"
          : noData.length
            ? "incomplete"
            : sharded
              ? "partial"
              : "complete";
    const partialReason = status === "partial" ? (stopReason ?? "shard") : undefined;
    const counts = { planned, done, errors };
    const budgetState = budget?.state();
    store.writeInfo({
      ...info,
      status,
      ...(partialReason ? { partialReason } : {}),
      endedAt: new Date().toISOString(),
      counts,
      warnings: [...warnings],
      ...(noData.length ? { noData } : {}),
      ...(deadModels.length ? { deadModels } : {}),
      ...(budgetState ? { budget: { maxCostUsd: budgetState.maxCostUsd, spentUsd: budgetState.spentUsd } } : {}),
    });
    options.reporter?.onRunEnd?.({ dir, interrupted });
    const [{ summarizeRun }, { writeReports }] = await reporting;
    const summary = await summarizeRun(dir);
    await writeReports(dir, summary);
    if (deadModels.length) throw deadModelsError(deadModels, dir);
    if (noData.length) throw tracker.error(dir);
    return {
      dir,
      runId,
      summary,
      interrupted,
      status,
      counts,
      warnings: [...warnings],
      ...(partialReason ? { partialReason } : {}),
      ...(budgetState ? { budget: budgetState } : {}),
    };
  } finally {
    batch?.close();
    store.close();
    scratch.dispose();
    await source.close?.();
  }
}

/** The exit-3 error of a run in which a model's endpoint died: which model, and why (the variable to set). */
function deadModelsError(deadModels: DeadModel[], dir: string): RunError {
  const lines = deadModels.map((entry) => `${entry.model} stopped: ${entry.message}`);
  return new RunError(
    `the run is incomplete: ${lines.join("; ")}. Its unfinished samples were not recorded: fix the cause, then capbench run --resume ${dir}`,
  );
}

/** Why the run stopped before its planned size, when it did so on purpose. */
function stoppedEarly(budget: RunBudget | null, source: SampleSource, done: number, planned: number): string | null {
  if (done >= planned) return null;
  if (budget?.state().reached) return "budget";
  return source.stoppedEarly?.() ?? null;
}

/** A run that ended (not running or interrupted): a resume has nothing to add. */
function isFinished(info: RunInfo): boolean {
  return info.status === "complete" || info.status === "incomplete" || info.status === "partial";
}

/** Reads a results directory's run.json for a resume, or says why it cannot be resumed. */
export function readResumeInfo(dir: string): RunInfo {
  const info = readRunInfo(dir);
  if (!info) throw new UsageError(`--resume ${dir}: no run.json there; is this a capbench results directory?`);
  return info;
}
