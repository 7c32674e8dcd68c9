import { describe, expect, it } from "vitest";
import type { SampleRecord } from "../types.js";
import { paidCostOf, RunBudget } from "./run-budget.js";

function record(model: string, costUsd: number | null, replayedCostUsd?: number): SampleRecord {
  return {
    key: `s|t|h|${model}|0`,
    suite: "s",
    taskId: "t",
    harness: "h",
    model,
    tier: "low",
    simulated: false,
    epoch: 0,
    answer: "",
    score: { value: 1, pass: true, explanation: "" },
    stopReason: "answered",
    usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
    costUsd,
    ...(replayedCostUsd !== undefined ? { replayedCostUsd } : {}),
    latencyMs: 1,
    modelCalls: 1,
    toolCalls: 0,
    cachedCalls: 0,
  };
}

describe("RunBudget", () => {
  it("counts the paid part only: list cost minus what the cache replayed; no price is $0", () => {
    expect(paidCostOf(record("m", 0.5, 0.2))).toBeCloseTo(0.3, 12);
    expect(paidCostOf(record("m", null))).toBe(0);
    const budget = new RunBudget(1);
    budget.recordFinished(record("m", 0.5, 0.5));
    budget.recordFinished(record("m", 0.25));
    expect(budget.state()).toMatchObject({ spentUsd: 0.25, remainingUsd: 0.75, reached: false });
  });

  it("lets one pilot per model in flight until it finishes, then reserves the model's mean paid cost", async () => {
    const budget = new RunBudget(1);
    const pilot = (await budget.admit("a"))!;
    expect(pilot.estimateUsd).toBe(0);
    // Another model's pilot starts at once; a second sample of `a` waits for a's pilot.
    expect((await budget.admit("b"))!.estimateUsd).toBe(0);
    let second: Awaited<ReturnType<RunBudget["admit"]>> | undefined;
    const waiting = budget.admit("a").then((ticket) => (second = ticket));
    await Promise.resolve();
    expect(second).toBeUndefined();
    budget.release(pilot, record("a", 0.2));
    await waiting;
    expect(second!.estimateUsd).toBeCloseTo(0.2, 12);
  });

  it("refuses the sample whose estimate would pass the cap, and every sample after it", async () => {
    const budget = new RunBudget(1);
    const tickets = [];
    const pilot = (await budget.admit("a"))!;
    budget.release(pilot, record("a", 0.3));
    // spent 0.3: two more at 0.3 fit (0.9), a third would make 1.2.
    tickets.push(await budget.admit("a"), await budget.admit("a"));
    expect(tickets.every((ticket) => ticket !== null)).toBe(true);
    expect(await budget.admit("a")).toBeNull();
    // Once reached, even a cheap pilot of another model does not start.
    expect(await budget.admit("b")).toBeNull();
    for (const ticket of tickets) budget.release(ticket!, record("a", 0.3));
    expect(budget.state()).toMatchObject({ reached: true });
    expect(budget.state().spentUsd).toBeCloseTo(0.9, 12);
  });

  it("a dropped pilot (aborted, not written) hands the pilot role to the next sample", async () => {
    const budget = new RunBudget(1);
    const pilot = (await budget.admit("a"))!;
    budget.release(pilot, null);
    const next = await budget.admit("a");
    expect(next).toMatchObject({ estimateUsd: 0 });
  });

  it("a waiting admission ends when the run aborts", async () => {
    const budget = new RunBudget(1);
    await budget.admit("a");
    const abort = new AbortController();
    const waiting = budget.admit("a", abort.signal);
    abort.abort();
    expect(await waiting).toBeNull();
  });
});
