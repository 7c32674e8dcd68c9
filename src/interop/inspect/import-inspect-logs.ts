import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { Summary } from "../../analysis/summary-types.js";
import { DEFAULTS } from "../../config/defaults.js";
import { UsageError } from "../../errors.js";
import type { RunInfo } from "../../store/run-store.js";
import type { ProgressReporter } from "../../runner/progress-reporter.js";
import { newRunId } from "../../runner/run.js";
import { gitCommit, versionInfo } from "../../runner/version-info.js";
import { openImportedRun } from "../imported-run-writer.js";
import { describeInspectLog, type LogLabelOptions } from "./describe-inspect-log.js";
import { inspectSampleToRecord, type ImportedLogContext } from "./inspect-sample-to-record.js";
import { readInspectLog, type InspectLog } from "./read-inspect-log.js";

export interface ImportInspectOptions extends LogLabelOptions {
  /** Inspect logs (`.eval` or `.json`), or directories of them. */
  logs: string[];
  cwd?: string;
  /** Results directory. Default `<resultsDir>/<run-id>`. */
  out?: string;
  resultsDir?: string;
  runId?: string;
  /** Seed of the analysis' bootstrap. */
  seed?: number;
  reporter?: ProgressReporter;
}

export interface ImportInspectOutcome {
  dir: string;
  runId: string;
  summary: Summary;
  counts: { logs: number; samples: number; passed: number; unscored: number; errors: number };
  warnings: string[];
}

/**
 * `capbench import inspect`: Inspect AI logs into one capbench results directory, one sample per
 * Inspect sample and epoch, so several logs (models, solvers) make one matrix for the analysis.
 * Every log's labels are settled before anything is written; a directory this call created is
 * removed again if the import fails half-way.
 */
export async function importInspectLogs(options: ImportInspectOptions): Promise<ImportInspectOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const display = (file: string) => path.relative(cwd, file) || file;
  const files = expandLogPaths(options.logs, cwd);
  const logs: { log: InspectLog; context: ImportedLogContext }[] = [];
  try {
    const untiered = new Map<string, string>();
    const tierOf = new Map<string, { tier: string; file: string }>();
    for (const file of files) {
      const log = readInspectLog(file);
      const described = describeInspectLog(log.header, display(file), options);
      logs.push({ log, context: { ...described, tier: described.tier ?? "frontier" } });
      if (!described.tier) untiered.set(described.model, display(file));
      const earlier = tierOf.get(described.model);
      if (described.tier && earlier && earlier.tier !== described.tier)
        throw new UsageError(
          `${display(file)}: ${described.model} is tier ${described.tier} here but ${earlier.tier} in ${earlier.file}; set it with --tiers ${described.model}=TIER`,
        );
      if (described.tier) tierOf.set(described.model, { tier: described.tier, file: display(file) });
    }
    if (untiered.size) {
      const list = [...untiered].map(([model, file]) => `${model} (${file})`).join(", ");
      throw new UsageError(
        `no tier for ${list}: give --tier low|mid|frontier, --tiers MODEL=TIER,… or --config with models and their tiers`,
      );
    }

    const runId = options.runId ?? newRunId();
    const dir = path.resolve(cwd, options.out ?? path.join(options.resultsDir ?? DEFAULTS.resultsDir, runId));
    const created = !existsSync(dir);
    const writer = openImportedRun(dir, display(dir));
    try {
      return await writeImport(options, { dir, runId, logs, writer, display });
    } catch (error) {
      writer.close();
      if (created) rmSync(dir, { recursive: true, force: true });
      throw error;
    } finally {
      writer.close();
    }
  } finally {
    for (const { log } of logs) log.close();
  }
}

async function writeImport(
  options: ImportInspectOptions,
  run: {
    dir: string;
    runId: string;
    logs: { log: InspectLog; context: ImportedLogContext }[];
    writer: ReturnType<typeof openImportedRun>;
    display: (file: string) => string;
  },
): Promise<ImportInspectOutcome> {
  const { dir, runId, logs, writer, display } = run;
  const cwd = options.cwd ?? process.cwd();
  const warnings: string[] = [];
  const incomplete = logs.filter(({ log }) => log.header.status !== "success");
  for (const { log } of incomplete)
    warnings.push(`${display(log.file)}: Inspect status "${log.header.status}"; its missing samples count as not done`);
  const planned = logs.reduce((sum, { log }) => sum + plannedSamples(log), 0);
  const info: RunInfo = {
    runId,
    status: "running",
    config: {
      command: "import",
      source: "inspect",
      logs: logs.map(({ log }) => display(log.file)),
      suites: unique(logs.map(({ context }) => context.suite)),
      harnesses: unique(logs.map(({ context }) => context.harness)),
      models: uniqueBy(
        logs.map(({ context }) => ({
          id: context.model,
          tier: context.tier,
          ...(context.capability !== undefined ? { capability: context.capability } : {}),
        })),
        (model) => model.id,
      ),
      epochs: Math.max(1, ...logs.map(({ log }) => log.header.eval.config?.epochs ?? 1)),
      seed: options.seed ?? DEFAULTS.seed,
      analysis: {},
    },
    versions: versionInfo(),
    gitCommit: gitCommit(cwd),
    startedAt: new Date().toISOString(),
    endedAt: null,
  };
  writer.writeInfo(info);
  options.reporter?.onRunStart?.({ dir, planned, alreadyDone: 0 });

  // Several logs can feed one cell (suite, harness, model): independent runs of the same eval
  // add epochs (a clashing epoch takes the task's next free number), while a sample already
  // seen under the same uuid (an eval-retry log repeats the samples it reused) is skipped.
  // This bookkeeping is kept for shared cells only, so memory stays flat otherwise.
  const logsPerCell = new Map<string, number>();
  for (const { context } of logs) logsPerCell.set(cellOf(context), (logsPerCell.get(cellOf(context)) ?? 0) + 1);
  const seenUuids = new Set<string>();
  const epochsOf = new Map<string, Set<number>>();
  const counts = { logs: logs.length, samples: 0, passed: 0, unscored: 0, errors: 0 };
  let epochs = 1;
  for (const { log, context } of logs) {
    const shared = (logsPerCell.get(cellOf(context)) ?? 0) > 1;
    let renumbered = 0;
    let repeated = 0;
    for (const sample of log.samples()) {
      if (shared && typeof sample.uuid === "string") {
        if (seenUuids.has(sample.uuid)) {
          repeated++;
          continue;
        }
        seenUuids.add(sample.uuid);
      }
      let { record, trace } = inspectSampleToRecord(sample, context);
      if (shared) {
        const taskKey = `${cellOf(context)}\u0000${record.taskId}`;
        const used = epochsOf.get(taskKey) ?? new Set<number>();
        epochsOf.set(taskKey, used);
        if (used.has(record.epoch)) {
          let epoch = 0;
          while (used.has(epoch)) epoch++;
          ({ record, trace } = inspectSampleToRecord({ ...sample, epoch: epoch + 1 }, context));
          renumbered++;
        }
        used.add(record.epoch);
      }
      writer.append(record, trace);
      epochs = Math.max(epochs, record.epoch + 1);
      counts.samples++;
      if (record.score?.pass) counts.passed++;
      if (record.error?.kind === "scorer") counts.unscored++;
      else if (record.error) counts.errors++;
      options.reporter?.onSampleEnd?.(record);
    }
    const cell = `${context.suite} / ${context.harness} / ${context.model}`;
    if (renumbered)
      warnings.push(
        `${display(log.file)}: ${plural(renumbered, "sample")} with a (task, epoch) pair already in an earlier log of ${cell}: imported as further epochs`,
      );
    if (repeated)
      warnings.push(
        `${display(log.file)}: ${plural(repeated, "sample")} already imported from an earlier log (same uuid); skipped`,
      );
  }
  if (counts.samples === 0) throw new UsageError(`${logs.map(({ log }) => display(log.file)).join(", ")}: no samples`);
  writer.writeInfo({
    ...info,
    config: { ...info.config, epochs },
    status: incomplete.length ? "partial" : "complete",
    ...(incomplete.length ? { partialReason: "inspect-log-not-finished" } : {}),
    endedAt: new Date().toISOString(),
    counts: {
      planned: Math.max(planned, counts.samples),
      done: counts.samples,
      errors: counts.unscored + counts.errors,
    },
    ...(warnings.length ? { warnings } : {}),
  });
  options.reporter?.onRunEnd?.({ dir, interrupted: false });
  writer.close();
  const [{ summarizeRun }, { writeReports }] = await Promise.all([
    import("../../analysis/summarize-run.js"),
    import("../../report/write-reports.js"),
  ]);
  const summary = await summarizeRun(dir);
  await writeReports(dir, summary);
  return { dir, runId, summary, counts, warnings };
}

/** Files as given; a directory stands for the `.eval` and `.json` logs in it (not logs.json, Inspect's index). */
function expandLogPaths(paths: string[], cwd: string): string[] {
  if (paths.length === 0) throw new UsageError("give at least one Inspect log (.eval or .json)");
  return paths.flatMap((given) => {
    const file = path.resolve(cwd, given);
    if (!existsSync(file)) throw new UsageError(`${given}: not found`);
    if (!statSync(file).isDirectory()) return [file];
    const found = readdirSync(file)
      .filter((name) => (name.endsWith(".eval") || name.endsWith(".json")) && name !== "logs.json")
      .sort()
      .map((name) => path.join(file, name));
    if (found.length === 0) throw new UsageError(`${given}: no .eval or .json logs in this directory`);
    return found;
  });
}

/** Samples the log meant to run: its results' total, else the chosen sample ids × epochs. */
function plannedSamples(log: InspectLog): number {
  if (typeof log.header.results?.total_samples === "number") return log.header.results.total_samples;
  const ids = log.header.eval.dataset?.sample_ids;
  const epochs = log.header.eval.config?.epochs ?? 1;
  return Array.isArray(ids) ? ids.length * epochs : 0;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function cellOf(context: ImportedLogContext): string {
  return `${context.suite}\u0000${context.harness}\u0000${context.model}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function uniqueBy<T>(values: T[], key: (value: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const value of values) if (!seen.has(key(value))) seen.set(key(value), value);
  return [...seen.values()];
}
