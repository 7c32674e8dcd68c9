import { statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import PQueue from "p-queue";
import { summarizeRun } from "../analysis/summarize-run.js";
import type { Summary } from "../analysis/summary-types.js";
import { DEFAULTS } from "../config/defaults.js";
import { loadSuite } from "../config/load-suite.js";
import { RunError, UsageError } from "../errors.js";
import { writeReports } from "../report/write-reports.js";
import { checkSandbox, configureSandbox, type SandboxMode } from "../sandbox/index.js";
import { RunStore, SAMPLES_FILE, type RunInfo } from "../store/run-store.js";
import type { SampleRecord, Tier } from "../types.js";
import type { ProgressReporter } from "./progress-reporter.js";
import { newRunId } from "./run.js";
import { sampleKey } from "./run-sample.js";
import { readCompletionsFile } from "./score-completions-file.js";
import { gitCommit, versionInfo } from "./version-info.js";

export interface ScoreCompletionsOptions {
  /** Suite reference: built-in name, `importer:PATH` or a suite file. */
  suite: string;
  /** JSONL of `{ task_id, completion }`; the i-th line of a task is its epoch i. */
  completionsFile: string;
  cwd?: string;
  /** Relative suite and completions paths resolve here. Default: cwd. */
  baseDir?: string;
  /** Results directory. Default `<resultsDir>/<run-id>`. */
  out?: string;
  resultsDir?: string;
  /** How the answers are labelled in the results. Defaults: model `completions`, tier `frontier`, harness `completions`. */
  model?: string;
  tier?: Tier;
  harness?: string;
  sandbox?: SandboxMode;
  /** Completions scored at once (sandboxed programs are further capped at one per core). */
  concurrency?: number;
  seed?: number;
  limit?: number;
  signal?: AbortSignal;
  /** Environment for a model-graded (rubric) scorer's credentials. Default process.env. */
  env?: NodeJS.ProcessEnv;
  reporter?: ProgressReporter;
  runId?: string;
}

export interface ScoreCompletionsOutcome {
  dir: string;
  runId: string;
  summary: Summary;
  interrupted: boolean;
  counts: { completions: number; passed: number; errors: number; tasksScored: number; tasksWithout: number };
}

/**
 * `capbench score`: scores answers a user already has, with no model, and writes the same
 * results directory (run.json, samples.jsonl, summary, reports) as a run.
 */
export async function scoreCompletions(options: ScoreCompletionsOptions): Promise<ScoreCompletionsOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const baseDir = options.baseDir ?? cwd;
  const seed = options.seed ?? DEFAULTS.seed;
  const sandbox = options.sandbox ?? "bwrap";
  const harness = options.harness ?? "completions";
  const model = options.model ?? "completions";
  const tier = options.tier ?? "frontier";
  const completionsFile = path.resolve(baseDir, options.completionsFile);
  const display = path.relative(cwd, completionsFile) || completionsFile;

  // Importers and built-in suites take the mode from the process-wide setting.
  configureSandbox({ mode: sandbox });
  const suite = await loadSuite(options.suite, {
    cwd,
    baseDir,
    seed: DEFAULTS.suiteSeed,
    limit: options.limit ?? null,
    sandbox,
    suiteOptions: {},
    // A rubric scorer's grader: credentials from the environment, responses cached like a run's.
    models: {
      env: options.env ?? process.env,
      cache: { mode: "enabled", dir: path.resolve(baseDir, DEFAULTS.cacheDir) },
      seed: options.seed ?? DEFAULTS.seed,
    },
  });
  const tasks = new Map(suite.tasks.map((task) => [task.id, task]));
  const suiteIds = { name: suite.name, taskIds: new Set(tasks.keys()) };

  // First pass: every line is checked before anything is written.
  const perTask = new Map<string, number>();
  for await (const entry of readCompletionsFile(completionsFile, display, suiteIds))
    perTask.set(entry.taskId, (perTask.get(entry.taskId) ?? 0) + 1);
  if (perTask.size === 0) throw new UsageError(`${display}: no completions`);
  if (suite.scorer.name === "code-tests") await checkSandbox(sandbox);

  const runId = options.runId ?? newRunId();
  const dir = path.resolve(cwd, options.out ?? path.join(options.resultsDir ?? DEFAULTS.resultsDir, runId));
  const store = RunStore.open(dir);
  try {
    if (statSync(path.join(dir, SAMPLES_FILE)).size > 0)
      throw new UsageError(`${path.relative(cwd, dir) || dir}: already holds samples; choose another --out`);
    const epochs = Math.max(...perTask.values());
    const info: RunInfo = {
      runId,
      status: "running",
      config: {
        command: "score",
        suites: [options.suite],
        completions: display,
        harnesses: [harness],
        models: [{ id: model, tier }],
        epochs,
        seed,
        sandbox,
        analysis: {},
      },
      versions: versionInfo(),
      gitCommit: gitCommit(cwd),
      startedAt: new Date().toISOString(),
      endedAt: null,
    };
    store.writeInfo(info);
    const planned = [...perTask.values()].reduce((sum, count) => sum + count, 0);
    options.reporter?.onRunStart?.({ dir, planned, alreadyDone: 0 });

    const counts = {
      completions: 0,
      passed: 0,
      errors: 0,
      tasksScored: perTask.size,
      tasksWithout: tasks.size - perTask.size,
    };
    const concurrency = options.concurrency ?? 2 * os.availableParallelism();
    const queue = new PQueue({ concurrency });
    const epochOf = new Map<string, number>();
    let failure: unknown = null;
    for await (const entry of readCompletionsFile(completionsFile, display, suiteIds)) {
      if (options.signal?.aborted || failure) break;
      await queue.onSizeLessThan(concurrency * 2);
      const task = tasks.get(entry.taskId)!;
      const epoch = epochOf.get(entry.taskId) ?? 0;
      epochOf.set(entry.taskId, epoch + 1);
      void queue.add(async () => {
        const started = performance.now();
        let score: SampleRecord["score"] = null;
        let error: SampleRecord["error"];
        try {
          score = await suite.scorer.score({
            task,
            answer: entry.completion,
            ...(options.signal ? { signal: options.signal } : {}),
          });
        } catch (caught) {
          if (caught instanceof UsageError) {
            failure ??= caught;
            return;
          }
          error = { kind: "scorer", message: (caught as Error).message };
        }
        if (options.signal?.aborted) return;
        const record: SampleRecord = {
          key: sampleKey(suite.name, task.id, harness, model, epoch),
          suite: suite.name,
          taskId: task.id,
          harness,
          model,
          tier,
          simulated: false,
          epoch,
          ...(task.difficulty !== undefined ? { difficulty: task.difficulty } : {}),
          answer: entry.completion,
          score,
          stopReason: "answered",
          usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
          costUsd: null,
          latencyMs: Math.round((performance.now() - started) * 100) / 100,
          modelCalls: 0,
          toolCalls: 0,
          cachedCalls: 0,
          ...(error ? { error } : {}),
        };
        try {
          store.appendSample(record, null);
        } catch (caught) {
          failure ??= caught;
          return;
        }
        counts.completions += 1;
        if (score?.pass) counts.passed += 1;
        if (error) counts.errors += 1;
        options.reporter?.onSampleEnd?.(record);
      });
    }
    await queue.onIdle();
    if (failure) throw failure;
    const interrupted = options.signal?.aborted ?? false;
    store.writeInfo({
      ...info,
      status: interrupted ? "interrupted" : "complete",
      endedAt: new Date().toISOString(),
      counts: { planned, done: counts.completions, errors: counts.errors },
    });
    options.reporter?.onRunEnd?.({ dir, interrupted });
    const summary = await summarizeRun(dir);
    await writeReports(dir, summary);
    if (!interrupted && counts.errors === counts.completions) {
      throw new RunError(
        `every completion failed to score (${counts.errors}); see ${path.join(dir, SAMPLES_FILE)} for the scorer messages`,
      );
    }
    return { dir, runId, summary, interrupted, counts };
  } finally {
    store.close();
  }
}
