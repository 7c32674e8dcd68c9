import type { ResolvedConfig } from "../config/resolved-config.js";
import type { RunOptions } from "./run.js";
import { readResumeInfo, runSource, type RunOutcome } from "./run-source.js";
import { resumableConfig } from "./resumable-config.js";
import type { SampleSource } from "./sample-source.js";

/**
 * `--resume DIR`: finishes the run in DIR with the config it started with, whatever made it (a
 * model run, or `capbench score`), through the same engine. Samples already there are skipped.
 */
export async function resumeRun(
  dir: string,
  options: Omit<RunOptions, "resumeDir" | "config"> & { config?: ResolvedConfig; cwd: string; env: NodeJS.ProcessEnv },
): Promise<RunOutcome> {
  const previous = readResumeInfo(dir);
  let source: SampleSource;
  if (previous.config.command === "score") {
    const { completionsSourceFromRunConfig } = await import("./completions-source.js");
    source = await completionsSourceFromRunConfig(dir, previous.config, { cwd: options.cwd, env: options.env });
  } else {
    const { resolveConfig } = await import("../config/resolve-config.js");
    const current = options.config ?? resolveConfig({}, {}, { configPath: null, cwd: options.cwd });
    const { createModelSource } = await import("./model-source.js");
    source = await createModelSource(resumableConfig(dir, previous, current), { cwd: options.cwd, env: options.env });
  }
  return runSource(source, {
    dir,
    runId: previous.runId,
    mode: "resume",
    shard: options.shard ?? previous.shard ?? null,
    cwd: options.cwd,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.reporter ? { reporter: options.reporter } : {}),
    ...(options.observer ? { observer: options.observer } : {}),
  });
}
