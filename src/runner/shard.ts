import { createHash } from "node:crypto";
import { UsageError } from "../errors.js";
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
  if (!match || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard "${text}": expected i/n with 1 ≤ i ≤ n, e.g. 2/4`);
  return { index, count };
}

/** Tokens a model reply is assumed to take, on top of the prompt (keeps tiny prompts from weighing ~0). */
const OUTPUT_TOKEN_ALLOWANCE = 200;

/**
 * Expected relative cost of one task: its input tokens (prompt and documents, ~4 characters a
 * token) plus a reply allowance, times a factor that grows slowly with the task's difficulty
 * (steps, hops…), a proxy for the extra turns harder tasks take. Only ratios matter: every
 * task runs under the same harnesses, models and epochs.
 */
export function expectedTaskCost(task: Task): number {
  const characters =
    task.prompt.length +
    (task.documents ?? []).reduce((total, document) => total + document.text.length + (document.title?.length ?? 0), 0);
  const difficulty =
    typeof task.difficulty === "number" && Number.isFinite(task.difficulty) && task.difficulty > 0
      ? task.difficulty
      : 0;
  return (characters / 4 + OUTPUT_TOKEN_ALLOWANCE) * (1 + Math.log2(1 + difficulty));
}

/** A task's fixed place on a ring of 2^48 positions, from its suite and id only. */
function ringPosition(suite: string, taskId: string): number {
  return Number.parseInt(createHash("sha256").update(`${suite}\u0000${taskId}`).digest("hex").slice(0, 12), 16);
}

/**
 * Which tasks shard `shard` runs. Cost-weighted consistent hashing: every task sits on a ring
 * at a hash of (suite, id); walking the ring, the cumulative expected cost is cut into n equal
 * arcs and a task belongs to the arc holding the middle of its own cost. So shards carry equal
 * expected cost (within one task), every task is in exactly one shard, and adding or removing
 * a task only shifts the n cut points by a fraction of that task's cost: just the tasks next
 * to a cut can move to the neighbouring shard, all others stay where they were.
 */
export function shardMembers(suites: readonly { name: string; tasks: readonly Task[] }[], shard: Shard): Set<Task> {
  const entries: { task: Task; position: number; suite: string; cost: number }[] = [];
  for (const suite of suites) {
    for (const task of suite.tasks)
      entries.push({
        task,
        suite: suite.name,
        position: ringPosition(suite.name, task.id),
        cost: expectedTaskCost(task),
      });
  }
  if (shard.count === 1) return new Set(entries.map((entry) => entry.task));
  // Ties on the ring (practically impossible) fall back to the names, so the order is total.
  entries.sort(
    (a, b) =>
      a.position - b.position ||
      (a.suite < b.suite ? -1 : a.suite > b.suite ? 1 : a.task.id < b.task.id ? -1 : a.task.id > b.task.id ? 1 : 0),
  );
  const total = entries.reduce((sum, entry) => sum + entry.cost, 0);
  const members = new Set<Task>();
  let before = 0;
  for (const entry of entries) {
    const middle = before + entry.cost / 2;
    before += entry.cost;
    const index = Math.min(shard.count, Math.floor((middle / total) * shard.count) + 1);
    if (index === shard.index) members.add(entry.task);
  }
  return members;
}

/** A membership test for planning: `(suite, task) → runs in this shard`; everything when unsharded. */
export function shardFilter(
  suites: readonly { name: string; tasks: readonly Task[] }[],
  shard: Shard | null,
): (suite: string, task: Task) => boolean {
  if (!shard || shard.count === 1) return () => true;
  const members = shardMembers(suites, shard);
  return (_suite, task) => members.has(task);
}
