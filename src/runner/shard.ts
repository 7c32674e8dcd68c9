import { UsageError } from "../errors.js";
import { hashString } from "../models/sim/rng.js";
import type { Task } from "../types.js";

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard "${text}": expected i/n with 1 ≤ i ≤ n, e.g. 2/4`);
  return { index, count };
}

/**
 * A task belongs to one shard, by a hash of its suite and id: stable when tasks are added
 * (no other task moves) and, over many tasks, balanced.
 */
export function inShard(suite: string, task: Task, shard: Shard): boolean {
  if (shard.count === 1) return true;
  return (hashString(`${suite}|${task.id}`) % shard.count) + 1 === shard.index;
}
