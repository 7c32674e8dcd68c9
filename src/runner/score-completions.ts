import path from "node:path";
import type { Summary } from "../analysis/summary-types.js";
import { DEFAULTS } from "../config/defaults.js";
import type { SandboxMode } from "../sandbox/index.js";
import type { Tier } from "../types.js";
import { parseCompletionsFileSpec, type CompletionsFileSpec } from "./completions-file-spec.js";
import { createCompletionsSource, defaultScoreConcurrency } from "./completions-source.js";
import type { ProgressReporter } from "./progress-reporter.js";
import { newRunId } from "./run.js";
import { runSource, type RunOutcome } from "./run-source.js";
import type { Shard } from "./shard.js";

export interface ScoreCompletionsOptions {
  /** Suite reference: built-in name, `importer:PATH` or a suite file. */
  suite: string;
  /**
   * JSONL of `{ task_id, completion }`, each line optionally with `harness`, `model`, `tier` and
   * `epoch`; the i-th line of a task × harness × model without an epoch is its epoch i.
   */
  completionsFile?: string;
  /**
   * Several completions files (with `completionsFile`, that one first): paths, `FILE[harness=…,
   * model=…,tier=…,completion=FIELD]`, or specs. One run with every harness × model cell.
   */
  completions?: (string | CompletionsFileSpec)[];
  cwd?: string;
  /** Relative suite and completions paths resolve here. Default: cwd. */
  baseDir?: string;
  /** Results directory. Default `<resultsDir>/<run-id>`. */
  out?: string;
  resultsDir?: string;
  /** Labels of lines that carry none. Defaults: model `completions`, tier `frontier`, harness `completions`. */
  model?: string;
  tier?: Tier;
  harness?: string;
  sandbox?: SandboxMode;
  /** Completions scored at once (sandboxed programs are further capped at one per core). */
  concurrency?: number;
  seed?: number;
  limit?: number;
  /** Score only this shard's tasks (merge the shards with `capbench merge`). */
  shard?: Shard | null;
  signal?: AbortSignal;
  /** Environment for a model-graded (rubric) scorer's credentials. Default process.env. */
  env?: NodeJS.ProcessEnv;
  reporter?: ProgressReporter;
  runId?: string;
}

export interface ScoreCompletionsOutcome extends Omit<RunOutcome, "counts"> {
  summary: Summary;
  counts: { completions: number; passed: number; errors: number; tasksScored: number; tasksWithout: number };
}

/**
 * `capbench score`: scores answers a user already has, with no model. The run engine does the
 * work, fed by the completions instead of models, so the results directory, resume, progress and
 * sharding are those of a run.
 */
export async function scoreCompletions(options: ScoreCompletionsOptions): Promise<ScoreCompletionsOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const baseDir = options.baseDir ?? cwd;
  const seed = options.seed ?? DEFAULTS.seed;
  const files = [
    ...(options.completionsFile !== undefined ? [options.completionsFile] : []),
    ...(options.completions ?? []),
  ].map((entry) => (typeof entry === "string" ? parseCompletionsFileSpec(entry, baseDir) : entry));
  const source = await createCompletionsSource({
    suite: options.suite,
    files,
    defaults: {
      harness: options.harness ?? "completions",
      model: options.model ?? "completions",
      tier: options.tier ?? "frontier",
    },
    cwd,
    baseDir,
    sandbox: options.sandbox ?? "bwrap",
    limit: options.limit ?? null,
    seed,
    concurrency: options.concurrency ?? defaultScoreConcurrency(),
    env: options.env ?? process.env,
  });
  const runId = options.runId ?? newRunId();
  let passed = 0;
  let scoredNow = 0;
  let errorsNow = 0;
  const reporter: ProgressReporter = {
    ...options.reporter,
    onSampleEnd(record) {
      scoredNow++;
      if (record.score?.pass) passed++;
      if (record.error) errorsNow++;
      options.reporter?.onSampleEnd?.(record);
    },
  };
  const outcome = await runSource(source, {
    dir: path.resolve(cwd, options.out ?? path.join(options.resultsDir ?? DEFAULTS.resultsDir, runId)),
    runId,
    mode: "create",
    shard: options.shard ?? null,
    cwd,
    reporter,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return {
    ...outcome,
    counts: {
      completions: scoredNow,
      passed,
      errors: errorsNow,
      tasksScored: source.stats.tasksScored,
      tasksWithout: source.stats.tasksWithout,
    },
  };
}
