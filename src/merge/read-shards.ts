import { UsageError } from "../errors.js";
import { readRunInfo, type RunInfo } from "../store/index.js";
import { configDifference } from "./config-difference.js";

export interface ShardInput {
  dir: string;
  info: RunInfo;
  index: number;
  count: number;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Reads the shards' run.json files and checks they are one run split n ways: every shard a
 * finished `--shard i/n` of the same config, each index exactly once. Sorted by index.
 */
export function readShards(dirs: readonly string[]): ShardInput[] {
  if (dirs.length === 0) throw new UsageError("merge: give the shard directories to merge");
  const shards: ShardInput[] = dirs.map((dir) => {
    const info = readRunInfo(dir);
    if (!info) throw new UsageError(`${dir}: no run.json; is this a capbench results directory?`);
    if (!info.shard || info.shard.count < 2)
      throw new UsageError(`${dir}: not a shard (run.json has no shard i/n); merge combines runs made with --shard`);
    return { dir, info, index: info.shard.index, count: info.shard.count };
  });

  const first = shards[0]!;
  for (const shard of shards.slice(1)) {
    if (shard.count !== first.count)
      throw new UsageError(
        `${shard.dir}: shard ${shard.index}/${shard.count} does not belong with ${first.dir} (shard ${first.index}/${first.count})`,
      );
    const difference = configDifference(first.info.config, shard.info.config);
    if (difference) {
      throw new UsageError(
        `${shard.dir}: run with a different config than ${first.dir}: ${difference.field} is ${short(difference.b)} there and ${short(difference.a)} here; shards must come from one config`,
      );
    }
  }
  const byIndex = new Map<number, ShardInput>();
  for (const shard of shards) {
    const other = byIndex.get(shard.index);
    if (other) throw new UsageError(`shard ${shard.index}/${shard.count} given twice: ${other.dir} and ${shard.dir}`);
    byIndex.set(shard.index, shard);
  }
  const missing = Array.from({ length: first.count }, (_, index) => index + 1).filter((index) => !byIndex.has(index));
  if (missing.length)
    throw new UsageError(
      `missing shard${missing.length > 1 ? "s" : ""} ${missing.map((index) => `${index}/${first.count}`).join(", ")}: give all ${first.count} shard directories`,
    );
  for (const shard of shards) {
    const counts = shard.info.counts;
    // A finished shard is `partial` (reason `shard`); older versions wrote `complete`.
    const finished =
      shard.info.status === "complete" || (shard.info.status === "partial" && shard.info.partialReason === "shard");
    if (!finished || !counts || counts.done < counts.planned) {
      const progress = counts ? `${counts.done} of ${counts.planned} samples` : "no sample counts";
      throw new UsageError(
        `${shard.dir}: shard ${shard.index}/${shard.count} is not finished (status ${shard.info.status}, ${progress}); finish it with capbench run --resume ${shard.dir}`,
      );
    }
  }
  return [...shards].sort((a, b) => a.index - b.index);
}
