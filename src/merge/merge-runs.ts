import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, writeSync } from "node:fs";
import path from "node:path";
import { summarizeRun } from "../analysis/summarize-run.js";
import type { Summary } from "../analysis/summary-types.js";
import { UsageError } from "../errors.js";
import { writeReports } from "../report/write-reports.js";
import { readSamples } from "../store/read-samples.js";
import { readTraceText, TraceWriter } from "../store/trace-file.js";
import { acquireRunLock } from "../store/run-lock.js";
import type { RunInfo } from "../store/run-store.js";
import { writeJsonAtomic } from "../store/write-json-atomic.js";
import type { SampleRecord } from "../types.js";
import { checkShardSamples } from "./check-shard-samples.js";
import { comparePositions, plannedPosition, type PlannedPosition } from "./planned-order.js";
import { readShards, type ShardInput } from "./read-shards.js";

export interface MergeOptions {
  /** The shard directories (`capbench run --shard i/n`), in any order. */
  dirs: string[];
  out: string;
  /** Resolves relative suite paths in the shards' config when it has no baseDir. */
  cwd?: string;
}

export interface MergeOutcome {
  dir: string;
  runId: string;
  summary: Summary;
  counts: { planned: number; done: number; errors: number };
  warnings: string[];
}

/** run.json of a merged run: one complete, unsharded run, and where its parts came from. */
export interface MergedRunInfo extends RunInfo {
  mergedFrom: { dir: string; runId: string; shard: { index: number; count: number } }[];
}

function mergedRunId(date = new Date()): string {
  return `${date.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15)}-merged`;
}

function writeError(dir: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === "ENOSPC"
      ? "the disk is full"
      : code === "EROFS"
        ? "the file system is read-only"
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : (error as Error).message;
  return new UsageError(`${dir}: cannot write the merged run (${why})`);
}

/**
 * Combines the shards of one run into a results directory that `gate` and `report` treat like
 * a run made in one go: samples and traces copied, one run.json, then the summary and reports.
 * Everything is checked before the first byte is written.
 */
export async function mergeRuns(options: MergeOptions): Promise<MergeOutcome> {
  const dirs = options.dirs.map((dir) => path.resolve(dir));
  const out = path.resolve(options.out);
  if (dirs.includes(out))
    throw new UsageError(`--out ${options.out}: is one of the shards; merge into a new directory`);
  if (existsSync(out) && readdirSync(out).length > 0)
    throw new UsageError(`--out ${options.out}: exists and is not empty; merge into a new directory`);
  const shards = readShards(dirs);
  const counts = await checkShardSamples(shards);

  let releaseLock: (() => void) | null = null;
  try {
    try {
      mkdirSync(path.join(out, "traces"), { recursive: true });
    } catch (error) {
      throw writeError(out, error);
    }
    releaseLock = acquireRunLock(out);
    const position = await plannedPosition(shards[0]!.info.config, options.cwd ?? process.cwd());
    const warnings = position
      ? []
      : [
          "the suites could not be loaded here, so samples keep the shards' order; intervals may differ in the last digits from an unsharded run",
        ];
    await copySamples(shards, out, position);
    const first = shards[0]!.info;
    const info: MergedRunInfo = {
      runId: mergedRunId(),
      status: "complete",
      config: { ...first.config, out },
      versions: first.versions,
      gitCommit: first.gitCommit,
      startedAt: shards.map((shard) => shard.info.startedAt).sort()[0]!,
      endedAt: shards
        .map((shard) => shard.info.endedAt ?? shard.info.startedAt)
        .sort()
        .at(-1)!,
      shard: null,
      counts: { planned: counts.samples, done: counts.samples, errors: counts.errors },
      warnings: [...new Set(shards.flatMap((shard) => shard.info.warnings ?? []))],
      mergedFrom: shards.map((shard) => ({
        dir: shard.dir,
        runId: shard.info.runId,
        shard: { index: shard.index, count: shard.count },
      })),
    };
    try {
      writeJsonAtomic(path.join(out, "run.json"), info);
    } catch (error) {
      throw writeError(out, error);
    }
    const summary = await summarizeRun(out);
    try {
      await writeReports(out, summary);
    } catch (error) {
      throw writeError(out, error);
    }
    return { dir: out, runId: info.runId, summary, counts: info.counts!, warnings };
  } finally {
    releaseLock?.();
  }
}

/**
 * Writes the shards' samples as one stream — a k-way merge by planned position, so the file is
 * in the order an unsharded run writes (each shard's file already is) — and copies each trace
 * to the same relative path. Streams: one pending record per shard in memory.
 */
async function copySamples(
  shards: readonly ShardInput[],
  out: string,
  position: PlannedPosition | null,
): Promise<void> {
  let fd: number | null = null;
  let traces: TraceWriter | null = null;
  try {
    fd = openSync(path.join(out, "samples.jsonl"), "wx");
    traces = new TraceWriter(out);
    const streams = shards.map((shard) => ({
      shard,
      records: readSamples(path.join(shard.dir, "samples.jsonl")),
      head: null as SampleRecord | null,
    }));
    for (const stream of streams) stream.head = (await stream.records.next()).value ?? null;
    for (;;) {
      let next: (typeof streams)[number] | null = null;
      for (const stream of streams) {
        if (!stream.head) continue;
        if (!next || (position && comparePositions(position(stream.head), position(next.head!)) < 0)) next = stream;
      }
      if (!next) break;
      const record = next.head!;
      if (record.trace) {
        const text = readTraceText(next.shard.dir, record);
        if (text === null)
          throw new UsageError(
            `${next.shard.dir}: sample ${record.key}: its trace cannot be read from ${record.trace}`,
          );
        Object.assign(record, traces.appendLine(text));
      }
      writeSync(fd, `${JSON.stringify(record)}\n`);
      next.head = (await next.records.next()).value ?? null;
    }
    fsyncSync(fd);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw writeError(out, error);
  } finally {
    if (fd !== null) closeSync(fd);
    traces?.close();
  }
}
