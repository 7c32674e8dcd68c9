import { UsageError } from "../errors.js";
import { emptyReadStats, loadTraceText, readSamples, SampleIdentitySet } from "../store/index.js";
import type { ShardInput } from "./read-shards.js";

export interface ShardSampleCounts {
  samples: number;
  errors: number;
  /** Repeated lines inside a shard, left by older versions: ignored. */
  duplicates: number;
}

/**
 * Reads every shard's samples once before anything is written: no sample in two shards, every
 * shard has all the samples it planned, each with its trace, and (for runs of a model matrix)
 * every task has one sample per harness × model × epoch. A line repeated inside one shard (an
 * older version writing twice) is ignored and counted.
 */
export async function checkShardSamples(shards: readonly ShardInput[]): Promise<ShardSampleCounts> {
  const seen: { index: number; samples: SampleIdentitySet }[] = [];
  const perTask = new Map<string, number>();
  let samples = 0;
  let errors = 0;
  let duplicates = 0;
  for (const shard of shards) {
    const label = `shard ${shard.index}/${shard.count} (${shard.dir})`;
    const own = new SampleIdentitySet();
    const stats = emptyReadStats();
    let count = 0;
    try {
      for await (const record of readSamples(shard.dir, { stats })) {
        const earlier = seen.find((other) => other.samples.has(record));
        if (earlier)
          throw new UsageError(
            `duplicate sample ${record.key}: in shard ${earlier.index}/${shard.count} and in ${label}; were shards run with overlapping task sets?`,
          );
        own.add(record);
        if (record.trace) {
          const trace = loadTraceText(shard.dir, record, 0);
          if (trace.status === "unavailable")
            throw new UsageError(`${label}: sample ${record.key}: its trace cannot be read (${trace.reason})`);
        }
        const task = `${record.suite}|${record.taskId}`;
        perTask.set(task, (perTask.get(task) ?? 0) + 1);
        if (record.error) errors++;
        count++;
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`${label}: cannot read samples.jsonl (${(error as Error).message})`);
    }
    seen.push({ index: shard.index, samples: own });
    duplicates += stats.duplicates;
    const planned = shard.info.counts?.planned ?? count;
    if (count < planned)
      throw new UsageError(
        `${label}: ${planned - count} of its ${planned} planned samples are missing from samples.jsonl; rerun it with capbench run --resume ${shard.dir}`,
      );
    if (count > planned)
      throw new UsageError(`${label}: ${count} samples but only ${planned} planned; was samples.jsonl edited?`);
    samples += count;
  }
  const config = shards[0]!.info.config;
  // Scored completions need not cover every harness × model × epoch of every task.
  const perTaskExpected =
    config.command === "score"
      ? 0
      : (config.harnesses?.length ?? 0) * (config.models?.length ?? 0) * (config.epochs ?? 0);
  if (perTaskExpected > 0) {
    for (const [task, count] of perTask) {
      if (count !== perTaskExpected)
        throw new UsageError(
          `task ${task} has ${count} samples across the shards, expected ${perTaskExpected} (harnesses × models × epochs)`,
        );
    }
  }
  return { samples, errors, duplicates };
}
