import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { SampleRecord } from "../types.js";
import { emptyReadStats, readSamples } from "./read-samples.js";
import { SampleIdentitySet } from "./sample-identity-set.js";

const record = (taskId: string, epoch = 0, answer = "1"): SampleRecord => ({
  key: `s|${taskId}|prompt|sim:low|${epoch}`,
  suite: "s",
  taskId,
  harness: "prompt",
  model: "sim:low",
  tier: "low",
  simulated: true,
  epoch,
  answer,
  score: { value: 1, pass: true, explanation: "ok" },
  stopReason: "answered",
  usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
  costUsd: null,
  latencyMs: 1,
  modelCalls: 1,
  toolCalls: 0,
  cachedCalls: 0,
});

function runDir(lines: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "capbench-read-"));
  writeFileSync(path.join(dir, "samples.jsonl"), lines.join("\n"));
  return dir;
}

async function readAll(dir: string, options: Parameters<typeof readSamples>[1] = {}) {
  const records: SampleRecord[] = [];
  for await (const entry of readSamples(dir, options)) records.push(entry);
  return records;
}

describe("readSamples", () => {
  it("drops and counts duplicate samples left by older versions, keeping the first copy", async () => {
    const lines = [record("a"), record("b"), record("a", 0, "2"), record("a", 1), record("b"), record("b")].map(
      (entry) => JSON.stringify(entry),
    );
    const stats = emptyReadStats();
    const records = await readAll(runDir([...lines, ""]), { stats });
    expect(records.map((entry) => `${entry.taskId}/${entry.epoch}/${entry.answer}`)).toEqual([
      "a/0/1",
      "b/0/1",
      "a/1/1",
    ]);
    expect(stats).toEqual({ skippedLines: 0, duplicates: 3 });
    // Merge checks duplicates itself: it can read every line.
    expect(await readAll(runDir(lines), { dedupe: false })).toHaveLength(6);
  });

  it("skips a torn last line, and names the line of a malformed one in the middle", async () => {
    const good = JSON.stringify(record("a"));
    const stats = emptyReadStats();
    expect(await readAll(runDir([good, '{"key":"b","sui']), { stats })).toHaveLength(1);
    expect(stats.skippedLines).toBe(1);
    await expect(readAll(runDir([good, '{"key":"b","sui', good]))).rejects.toThrow(/samples\.jsonl:2: not valid JSON/);
  });

  it("skips and counts lines that are JSON but not samples; a missing file is empty or an error", async () => {
    const stats = emptyReadStats();
    expect(await readAll(runDir([JSON.stringify({ hello: 1 }), JSON.stringify(record("a"))]), { stats })).toHaveLength(
      1,
    );
    expect(stats.skippedLines).toBe(1);
    const empty = mkdtempSync(path.join(os.tmpdir(), "capbench-read-"));
    expect(await readAll(empty)).toEqual([]);
    await expect(readAll(empty, { whenMissing: "error" })).rejects.toThrow(/samples\.jsonl: not found/);
  });
});

describe("SampleIdentitySet", () => {
  it("tells samples apart by suite, task, harness, model and epoch, for any number of epochs", () => {
    const set = new SampleIdentitySet();
    const sample = { suite: "s", taskId: "t", harness: "h", model: "m", epoch: 0 };
    for (const epoch of [0, 1, 29, 30, 31, 1000, 2.5]) expect(set.add({ ...sample, epoch })).toBe(true);
    for (const epoch of [0, 1, 29, 30, 31, 1000, 2.5]) expect(set.add({ ...sample, epoch })).toBe(false);
    expect(set.size).toBe(7);
    expect(set.has({ ...sample, epoch: 2 })).toBe(false);
    expect(set.has({ ...sample, epoch: 1000 })).toBe(true);
    expect(set.has({ ...sample, model: "n" })).toBe(false);
    expect(set.has({ ...sample, harness: "h|m" })).toBe(false);
  });
});
