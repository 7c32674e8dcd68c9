import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "../src/errors.js";
import { summarizeRun } from "../src/analysis/summarize-run.js";
import { renderMarkdown } from "../src/report/render-markdown.js";
import type { SampleRecord } from "../src/types.js";

function sample(overrides: Partial<SampleRecord> & Pick<SampleRecord, "taskId" | "epoch">): SampleRecord {
  return {
    key: `s|${overrides.taskId}|h|m|${overrides.epoch}`,
    suite: "s",
    harness: "prompt",
    model: "sim:low",
    tier: "low",
    simulated: true,
    answer: "1",
    score: { value: 1, pass: true, explanation: "ok" },
    stopReason: "answered",
    usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0 },
    costUsd: null,
    latencyMs: 3,
    modelCalls: 1,
    toolCalls: 0,
    cachedCalls: 0,
    ...overrides,
  };
}

const fail = { value: 0, pass: false, explanation: "wrong" };

describe("summarizeRun", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "capbench-summarize-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function writeRun(
    records: SampleRecord[],
    run: unknown = { runId: "r1", config: { seed: 4, models: [{ id: "sim:low", tier: "low" }] } },
    tail = "",
  ) {
    await writeFile(join(dir, "run.json"), JSON.stringify(run));
    await writeFile(
      join(dir, "samples.jsonl"),
      records.map((record) => JSON.stringify(record)).join("\n") + "\n" + tail,
    );
  }

  it("reduces epochs inside a task, keeps errors out of the mean, and attributes failures", async () => {
    await writeRun([
      sample({ taskId: "t1", epoch: 0 }),
      sample({ taskId: "t1", epoch: 1, score: fail }),
      sample({ taskId: "t2", epoch: 0 }),
      sample({ taskId: "t2", epoch: 1 }),
      sample({ taskId: "t3", epoch: 0, score: fail, stopReason: "max_turns" }),
      sample({
        taskId: "t3",
        epoch: 1,
        score: null,
        stopReason: "provider_error",
        error: { kind: "provider", message: "503" },
      }),
    ]);
    const summary = await summarizeRun(dir);
    expect(summary.runId).toBe("r1");
    expect(summary.options.seed).toBe(4); // from run.json
    const [cell] = summary.cells;
    expect(cell).toMatchObject({ tasks: 3, samples: 6, errors: 1, simulated: true, epochs: { min: 1, max: 2 } });
    expect(cell!.taskValues).toEqual({ t1: 0.5, t2: 1, t3: 0 });
    expect(cell!.mean).toBeCloseTo(0.5, 12); // (0.5 + 1 + 0) / 3: the errored sample is not a 0
    expect(cell!.passRate).toBeCloseTo(3 / 5, 12);
    expect(cell!.failures).toMatchObject({
      failures: 3,
      harnessLimit: 1,
      wrongAnswer: 1,
      error: 1,
      byStopReason: { answered: 1, max_turns: 1, provider_error: 1 },
    });
    expect(cell!.stopReasons).toEqual({ answered: 4, max_turns: 1, provider_error: 1 });
    expect(cell!.cost).toMatchObject({
      priced: false,
      totalUsd: null,
      perTaskUsd: null,
      inputTokens: 60,
      outputTokens: 30,
    });
    expect(cell!.passAtK).toEqual({ "1": (0.5 + 1 + 0) / 3 });
    expect(summary.totals).toEqual({ samples: 6, errors: 1, skippedLines: 0 });
    expect(summary.flags).toEqual([]);
  });

  it("computes cost per task and per solved task when every sample is priced", async () => {
    await writeRun([
      sample({ taskId: "t1", epoch: 0, costUsd: 0.002 }),
      sample({ taskId: "t2", epoch: 0, costUsd: 0.004, score: fail, replayedCostUsd: 0.003 }),
    ]);
    const summary = await summarizeRun(dir);
    const [cell] = summary.cells;
    expect(cell!.cost.totalUsd).toBeCloseTo(0.006, 12);
    // Paid this time vs replayed from the response cache.
    expect(cell!.cost.paidUsd).toBeCloseTo(0.003, 12);
    expect(cell!.cost.replayedUsd).toBeCloseTo(0.003, 12);
    expect(renderMarkdown(summary)).toContain(
      "Cost: $0.0030 paid, $0.0030 replayed from the response cache (list price $0.0060).",
    );
    expect(cell!.cost.perTaskUsd).toBeCloseTo(0.003, 12);
    expect(cell!.cost.perSolvedUsd).toBeCloseTo(0.006, 12);
  });

  it("is deterministic and takes options from run.json's config.analysis, then from the caller", async () => {
    const records = Array.from({ length: 20 }, (_, index) =>
      sample({ taskId: `t${index}`, epoch: 0, ...(index % 3 === 0 ? { score: fail } : {}) }),
    );
    await writeRun(records, {
      runId: "r2",
      config: { seed: 9, analysis: { resamples: 200, thresholds: { alpha: 0.1 } } },
    });
    const first = await summarizeRun(dir);
    const second = await summarizeRun(dir);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.options).toMatchObject({ seed: 9, resamples: 200, thresholds: { alpha: 0.1, gainMargin: 0.15 } });
    const overridden = await summarizeRun(dir, { seed: 10, reducer: "pass@k", k: 1 });
    expect(overridden.options).toMatchObject({ seed: 10, resamples: 200, reducer: "pass@k" });
    // Intervals of 20 binary values are coarse, so one other seed may land on the same one; five will not all.
    const others = await Promise.all([10, 11, 12, 13, 14].map((seed) => summarizeRun(dir, { seed })));
    expect(
      others.some((summary) => JSON.stringify(summary.cells[0]!.ci95) !== JSON.stringify(first.cells[0]!.ci95)),
    ).toBe(true);
  });

  it("reads the run's status and each model's numeric capability from run.json", async () => {
    await writeRun(
      [
        sample({ taskId: "t1", epoch: 0 }),
        sample({ taskId: "t1", epoch: 0, model: "big", tier: "frontier", key: "s|t1|h|big|0", simulated: false }),
      ],
      {
        runId: "r5",
        status: "partial",
        partialReason: "stopped by --max-cost",
        config: {
          models: [
            { id: "sim:low", tier: "low", capability: 1200 },
            { id: "big", tier: "frontier", capability: 1400 },
          ],
        },
      },
    );
    const summary = await summarizeRun(dir);
    expect(summary.run).toEqual({ status: "partial", partialReason: "stopped by --max-cost", noData: [] });
    expect(summary.capability.scale).toBe("numeric");
    expect(summary.models.map((model) => model.capability)).toEqual([1200, 1400]);
    expect(summary.cells.map((cell) => cell.capability)).toEqual([1200, 1400]);
  });

  it("names the file and field of a bad analysis option", async () => {
    await writeRun([sample({ taskId: "t1", epoch: 0 })], {
      runId: "r3",
      config: { analysis: { thresholds: { alpha: 2 } } },
    });
    await expect(summarizeRun(dir)).rejects.toThrow(/run\.json: config\.analysis\.thresholds\.alpha: /);
    await expect(summarizeRun(dir)).rejects.toBeInstanceOf(UsageError);
  });

  it("skips a torn last line but rejects a malformed line in the middle", async () => {
    await writeRun([sample({ taskId: "t1", epoch: 0 })], undefined, '{"key":"torn","sui');
    const summary = await summarizeRun(dir);
    expect(summary.totals).toMatchObject({ samples: 1, skippedLines: 1 });
    await writeFile(
      join(dir, "samples.jsonl"),
      `${JSON.stringify(sample({ taskId: "t1", epoch: 0 }))}\nnot json\n${JSON.stringify(sample({ taskId: "t2", epoch: 0 }))}\n`,
    );
    await expect(summarizeRun(dir)).rejects.toThrow(/samples\.jsonl:2: not valid JSON/);
  });

  it("needs samples.jsonl but tolerates a missing run.json", async () => {
    await expect(summarizeRun(dir)).rejects.toThrow(/samples\.jsonl: not found/);
    await writeFile(join(dir, "samples.jsonl"), `${JSON.stringify(sample({ taskId: "t1", epoch: 0 }))}\n`);
    const summary = await summarizeRun(dir);
    expect(summary.cells).toHaveLength(1);
    expect(summary.options.seed).toBe(0);
  });
});
