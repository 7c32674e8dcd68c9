import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { summarizeRun } from "../analysis/summarize-run.js";
import type { Summary } from "../analysis/summary-types.js";
import { UsageError } from "../errors.js";
import { writeReports } from "../report/write-reports.js";
import { readSamples, readTraceText, RunStore, type RunInfo } from "../store/index.js";
import type { SampleRecord } from "../types.js";
import { checkShardSamples } from "./check-shard-samples.js";
import { comparePositions, plannedPosition, type PlannedPosition } from "./planned-order.js";
import { readShards, type ShardInput } from "./read-shards.js";
import { NoDataTracker } from "../runner/no-data-tracker.js";

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
export type MergedRunInfo = RunInfo & { mergedFrom: NonNullable<RunInfo["mergedFrom"]> };

function mergedRunId(date = new Date()): string {
  return `${date.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15)}-merged`;
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

  const store = RunStore.open(out, "create");
  try {
    const position = await plannedPosition(shards[0]!.info.config, options.cwd ?? process.cwd());
    const warnings = position
      ? []
      : [
          "the suites could not be loaded here, so samples keep the shards' order; intervals may differ in the last digits from an unsharded run",
        ];
    if (counts.duplicates > 0)
      warnings.push(`${counts.duplicates} duplicate sample lines in the shards (from an older capbench) were ignored`);
    const first = shards[0]!.info;
    const tracker = new NoDataTracker({ models: first.config.models ?? [] });
    await copySamples(shards, store, position, (record) => tracker.add(record));
    const noData = tracker.noData();
    const info: MergedRunInfo = {
      runId: mergedRunId(),
      status: noData.length > 0 ? "incomplete" : "complete",
      config: { ...first.config, out },
      ...(first.versions ? { versions: first.versions } : {}),
      gitCommit: first.gitCommit ?? null,
      startedAt: shards.map((shard) => shard.info.startedAt ?? "").sort()[0] ?? null,
      endedAt:
        shards
          .map((shard) => shard.info.endedAt ?? shard.info.startedAt ?? "")
          .sort()
          .at(-1) ?? null,
      shard: null,
      counts: { planned: counts.samples, done: counts.samples, errors: counts.errors },
      warnings: [...new Set(shards.flatMap((shard) => shard.info.warnings ?? []))],
      ...(noData.length > 0 ? { noData } : {}),
      mergedFrom: shards.map((shard) => ({
        dir: shard.dir,
        runId: shard.info.runId,
        shard: { index: shard.index, count: shard.count },
      })),
    };
    store.writeInfo(info);
    const summary = await summarizeRun(out);
    await writeReports(out, summary);
    if (noData.length > 0) throw tracker.error(out);
    return { dir: out, runId: info.runId, summary, counts: info.counts!, warnings };
  } finally {
    store.close();
  }
}

/**
 * Writes the shards' samples as one stream — a k-way merge by planned position, so the file is
 * in the order an unsharded run writes (each shard's file already is) — and copies each trace
 * to the same relative path. Streams: one pending record per shard in memory.
 */
async function copySamples(
  shards: readonly ShardInput[],
  store: RunStore,
  position: PlannedPosition | null,
  onRecord: (record: SampleRecord) => void,
): Promise<void> {
  const streams = shards.map((shard) => ({
    shard,
    records: readSamples(shard.dir),
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
    let text: string | null = null;
    if (record.trace) {
      text = readTraceText(next.shard.dir, record);
      if (text === null)
        throw new UsageError(`${next.shard.dir}: sample ${record.key}: its trace cannot be read from ${record.trace}`);
    }
    const { trace: _trace, traceOffset: _offset, traceBytes: _bytes, ...rest } = record;
    store.appendSampleWithTraceText(rest, text);
    onRecord(rest);
    next.head = (await next.records.next()).value ?? null;
  }
}
