import { existsSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import { readSamples } from "../store/read-samples.js";
import type { ShardInput } from "./read-shards.js";

export interface ShardSampleCounts {
  samples: number;
  errors: number;
}

/**
 * Reads every shard's samples once before anything is written: no sample twice (within or
 * across shards), every shard has all the samples it planned, each with its trace, and every
 * task has one sample per harness × model × epoch.
 */
export async function checkShardSamples(shards: readonly ShardInput[]): Promise<ShardSampleCounts> {
  const seen = new Map<string, number>();
  const perTask = new Map<string, number>();
  let samples = 0;
  let errors = 0;
  for (const shard of shards) {
    const label = `shard ${shard.index}/${shard.count} (${shard.dir})`;
    let count = 0;
    try {
      for await (const record of readSamples(path.join(shard.dir, "samples.jsonl"))) {
        const earlier = seen.get(record.key);
        if (earlier !== undefined) {
          const where =
            earlier === shard.index ? `twice in ${label}` : `in shard ${earlier}/${shard.count} and in ${label}`;
          throw new UsageError(`duplicate sample ${record.key}: ${where}; were shards run with overlapping task sets?`);
        }
        seen.set(record.key, shard.index);
        if (record.trace && !existsSync(path.join(shard.dir, record.trace)))
          throw new UsageError(`${label}: sample ${record.key} lists trace ${record.trace}, which is missing`);
        const task = `${record.suite}|${record.taskId}`;
        perTask.set(task, (perTask.get(task) ?? 0) + 1);
        if (record.error) errors++;
        count++;
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`${label}: cannot read samples.jsonl (${(error as Error).message})`);
    }
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
  const perTaskExpected =
    (Array.isArray(config.harnesses) ? config.harnesses.length : 0) *
    (Array.isArray(config.models) ? config.models.length : 0) *
    (typeof config.epochs === "number" ? config.epochs : 0);
  if (perTaskExpected > 0) {
    for (const [task, count] of perTask) {
      if (count !== perTaskExpected)
        throw new UsageError(
          `task ${task} has ${count} samples across the shards, expected ${perTaskExpected} (harnesses × models × epochs)`,
        );
    }
  }
  return { samples, errors };
}
