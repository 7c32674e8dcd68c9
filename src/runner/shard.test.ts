import { describe, expect, it } from "vitest";
import type { Task } from "../types.js";
import { expectedTaskCost, parseShard, shardMembers } from "./shard.js";

/** Tasks whose costs differ by two orders of magnitude: a few long documents among short prompts. */
function skewedTasks(count: number, prefix = "t"): Task[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `${prefix}${index}`,
    prompt: "x".repeat(index % 10 === 0 ? 40_000 : 200 + (index % 7) * 50),
    difficulty: 1 + (index % 5),
  }));
}

function assignment(suites: { name: string; tasks: Task[] }[], count: number): Map<string, number> {
  const owner = new Map<string, number>();
  for (let index = 1; index <= count; index++) {
    for (const task of shardMembers(suites, { index, count })) {
      const name = `${suites.find((suite) => suite.tasks.includes(task))!.name}|${task.id}`;
      expect(owner.has(name), `${name} in two shards`).toBe(false);
      owner.set(name, index);
    }
  }
  return owner;
}

describe("shardMembers", () => {
  it("puts every task in exactly one shard", () => {
    const suites = [
      { name: "a", tasks: skewedTasks(120) },
      { name: "b", tasks: skewedTasks(50) },
    ];
    expect(assignment(suites, 4).size).toBe(170);
  });

  it("balances expected cost, not task counts", () => {
    const tasks = skewedTasks(400);
    const count = 4;
    const costs = Array.from({ length: count }, (_, index) =>
      [...shardMembers([{ name: "s", tasks }], { index: index + 1, count })].reduce(
        (sum, task) => sum + expectedTaskCost(task),
        0,
      ),
    );
    const largestTask = Math.max(...tasks.map(expectedTaskCost));
    const spread = Math.max(...costs) - Math.min(...costs);
    // Within about one task's cost of each other; plain hash-modulo sharding is far off on this skew.
    expect(spread).toBeLessThanOrEqual(2 * largestTask);
    expect(Math.max(...costs) / Math.min(...costs)).toBeLessThan(1.1);
  });

  it("moves only tasks next to a cut when tasks are added", () => {
    const tasks = skewedTasks(300);
    const added = skewedTasks(3, "new");
    const before = assignment([{ name: "s", tasks }], 4);
    const after = assignment([{ name: "s", tasks: [...tasks, ...added] }], 4);
    let movedCost = 0;
    let moved = 0;
    for (const task of tasks) {
      if (after.get(`s|${task.id}`) === before.get(`s|${task.id}`)) continue;
      moved++;
      movedCost += expectedTaskCost(task);
    }
    // Cut k of n shifts by at most (k/n) of the added cost, plus one task either side of it.
    const addedCost = added.reduce((sum, task) => sum + expectedTaskCost(task), 0);
    const largestTask = Math.max(...tasks.map(expectedTaskCost));
    expect(movedCost).toBeLessThanOrEqual(1.5 * addedCost + 3 * largestTask);
    expect(moved).toBeLessThan(tasks.length / 10);
    expect([...after.keys()].filter((name) => name.startsWith("s|new")).length).toBe(3);
  });

  it("depends on the task set only, not on its order", () => {
    const tasks = skewedTasks(60);
    const forward = assignment([{ name: "s", tasks }], 3);
    const backward = assignment([{ name: "s", tasks: [...tasks].reverse() }], 3);
    expect([...backward.entries()].sort()).toEqual([...forward.entries()].sort());
  });
});

describe("parseShard", () => {
  it("reads i/n and refuses nonsense", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    expect(() => parseShard("0/4")).toThrow(/--shard "0\/4"/);
    expect(() => parseShard("5/4")).toThrow(/1 ≤ i ≤ n/);
    expect(() => parseShard("two")).toThrow();
  });
});
