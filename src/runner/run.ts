import path from "node:path";
import type { ResolvedConfig } from "../config/resolved-config.js";
import type { ProgressReporter } from "./progress-reporter.js";
import { runSource, type RunOutcome, type RunSourceOptions } from "./run-source.js";
import type { Shard } from "./shard.js";

export { runSource, type RunOutcome, type RunSourceOptions } from "./run-source.js";

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
  /** Told of every sample as it is written (e.g. the OpenTelemetry exporter). */
  observer?: RunSourceOptions["observer"];
}

export function newRunId(date = new Date()): string {
  const stamp = date.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${stamp}-${Math.floor(Math.random() * 0xffff)
    .toString(16)
    .padStart(4, "0")}`;
}

/** Runs suites × harnesses × models × epochs and writes the results directory. */
export async function run(options: RunOptions): Promise<RunOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  if (options.resumeDir) {
    const { resumeRun } = await import("./resume-run.js");
    return resumeRun(options.resumeDir, { ...options, cwd, env });
  }
  const config = options.config;
  const { createModelSource } = await import("./model-source.js");
  const source = await createModelSource(config, { cwd, env });
  const runId = options.runId ?? newRunId();
  return runSource(source, {
    dir: config.out ?? path.join(config.resultsDir, runId),
    runId,
    mode: "create",
    shard: options.shard ?? null,
    cwd,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.reporter ? { reporter: options.reporter } : {}),
    ...(options.observer ? { observer: options.observer } : {}),
  });
}
