import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { SampleRecord } from "../types.js";
import { RunStore } from "./run-store.js";
import { readTrace } from "./trace-file.js";

const record = (key: string): SampleRecord => ({
  key,
  suite: "s",
  taskId: key,
  harness: "prompt",
  model: "sim:low",
  tier: "low",
  simulated: true,
  epoch: 0,
  answer: "1",
  score: { value: 1, pass: true, explanation: "ok" },
  stopReason: "answered",
  usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
  costUsd: null,
  latencyMs: 1,
  modelCalls: 1,
  toolCalls: 0,
  cachedCalls: 0,
});

describe("RunStore", () => {
  it("cuts a torn last line on open so appends stay line-aligned, and lists finished keys", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "capbench-store-"));
    const first = RunStore.open(dir);
    first.writeInfo({ runId: "r", status: "running", config: {} });
    first.appendSample(record("a"), [{ type: "note", agent: "main", at: 0, message: "hi" }]);
    first.appendSample(record("b"), null);
    first.close();
    // A crash mid-write: half a line, no newline.
    appendFileSync(path.join(dir, "samples.jsonl"), '{"key":"c","sui');
    const second = RunStore.open(dir, "resume");
    const finished = await second.finished();
    expect(finished.done.size).toBe(2);
    expect(["a", "b", "c"].map((key) => finished.done.has(record(key)))).toEqual([true, true, false]);
    second.appendSample(record("c"), null);
    second.close();
    const lines = readFileSync(path.join(dir, "samples.jsonl"), "utf8").trim().split("\n");
    expect(lines.map((line) => (JSON.parse(line) as SampleRecord).key)).toEqual(["a", "b", "c"]);
    const withTrace = JSON.parse(lines[0]!) as SampleRecord;
    expect(readTrace(dir, withTrace)!.events[0]).toMatchObject({ type: "note", message: "hi" });
  });

  it("empties a file that holds only a torn line", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "capbench-store-"));
    writeFileSync(path.join(dir, "samples.jsonl"), '{"key":"x"');
    writeFileSync(path.join(dir, "run.json"), '{"runId":"r"}');
    const store = RunStore.open(dir, "resume");
    store.close();
    expect(readFileSync(path.join(dir, "samples.jsonl"), "utf8")).toBe("");
  });

  it("lets one writer at a time hold the directory", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "capbench-store-"));
    const store = RunStore.open(dir);
    expect(() => RunStore.open(dir, "resume")).toThrow(/this process already has this results directory open/);
    store.close();
    writeFileSync(path.join(dir, ".lock"), "1"); // an older version's lock; pid 1 is alive: another writer
    expect(() => RunStore.open(dir)).toThrow(/another capbench process \(pid 1\)/);
  });
});
