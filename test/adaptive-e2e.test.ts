// `--adaptive` end to end (the built CLI) on the simulated ladder: the run spends a subset of the
// full run's samples (the same outcomes), stops partial by design with exit 0, says in
// summary.json and the reports what settled at which look and why; an interrupted adaptive run
// resumes from its next round and ends with exactly the samples of an uninterrupted one.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Summary } from "../src/analysis/summary-types.js";
import type { SampleRecord } from "../src/types.js";
import { capbench, readSampleFile, tempDir } from "./cli-helpers.js";

const MATRIX = [
  "run",
  "--suite",
  "multihop",
  "--harness",
  "prompt,workflow,agent,multi-agent",
  "--models",
  "sim:low,sim:mid,sim:frontier",
  "--seed",
  "3",
  "--no-cache",
  "--no-progress",
];

function json<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

function outcomes(samples: SampleRecord[]): Map<string, string> {
  return new Map(samples.map((sample) => [sample.key, `${sample.answer}|${sample.score?.value}|${sample.stopReason}`]));
}

describe("--adaptive on the simulated ladder", () => {
  let dir: string;
  let full: string;
  let adaptive: string;
  let adaptiveRun: ReturnType<typeof capbench>;
  beforeAll(() => {
    dir = tempDir();
    full = path.join(dir, "full");
    adaptive = path.join(dir, "adaptive");
    const fixed = capbench([...MATRIX, "--out", full]);
    expect(fixed.status, fixed.stderr).toBe(0);
    adaptiveRun = capbench([...MATRIX, "--adaptive", "--out", adaptive]);
  });

  it("spends a subset of the full run's samples, with the same outcomes, and stops partial by design (exit 0)", () => {
    expect(adaptiveRun.status, adaptiveRun.stderr).toBe(0);
    expect(adaptiveRun.stderr).toMatch(
      /adaptive stop: every flag test settled after \d+ of 288 samples \(expected, not a failure/,
    );
    const info = json<Record<string, unknown>>(path.join(adaptive, "run.json"));
    expect(info).toMatchObject({
      status: "partial",
      partialReason: "adaptive-stop",
      config: { adaptive: { rounds: 4 } },
    });
    expect((info.adaptive as { suites: { order: string[] }[] }).suites[0]!.order).toHaveLength(24);
    const spent = readSampleFile(adaptive);
    const reference = outcomes(readSampleFile(full));
    expect(spent.length).toBeLessThan(288);
    for (const [key, outcome] of outcomes(spent)) expect(reference.get(key), key).toBe(outcome);
    // No cell stops before the first look: every cell has the first round's 6 tasks.
    const perCell = new Map<string, number>();
    for (const sample of spent)
      perCell.set(`${sample.harness}|${sample.model}`, (perCell.get(`${sample.harness}|${sample.model}`) ?? 0) + 1);
    expect(perCell.size).toBe(12);
    expect(Math.min(...perCell.values())).toBeGreaterThanOrEqual(6);
  });

  it("summary.json and the reports say which comparisons stopped early, at which look and why", () => {
    const summary = json<Summary>(path.join(adaptive, "summary.json"));
    const spent = readSampleFile(adaptive).length;
    expect(summary.adaptive).toMatchObject({ rounds: 4, spending: "obrien-fleming", stoppedEarly: true });
    expect(summary.adaptive!.samples).toEqual({ spent, planned: 288 });
    expect(summary.flagTests.length).toBeGreaterThan(0);
    for (const test of summary.flagTests) {
      expect(test.sequential, `${test.kind} ${test.harness}`).toBeDefined();
      expect(test.sequential!.reason.length).toBeGreaterThan(10);
    }
    const early = summary.flagTests.filter((test) => test.sequential!.early);
    expect(early.length).toBeGreaterThan(0);
    const report = readFileSync(path.join(adaptive, "report.md"), "utf8");
    expect(report).toContain("Adaptive stopping");
    expect(report).toContain(`${spent} of 288 planned samples spent`);
    expect(report).toMatch(
      /settled early: \w[\w-]* \S+ on multihop \((not-supported|inconclusive|flag)\): .* at look \d of 4/,
    );
    expect(report).not.toContain("Partial run");
    expect(readFileSync(path.join(adaptive, "report.html"), "utf8")).toContain('id="adaptive"');
    expect(adaptiveRun.stdout).toMatch(/Adaptive run: 4 rounds/);
    // Finished by design: the gate's complete check holds.
    const gate = capbench(["gate", adaptive, "--max-error-rate", "0.5"]);
    expect(gate.status, gate.stdout + gate.stderr).toBe(0);
    expect(gate.stdout).toMatch(/held\s+complete\s+run: adaptive run stopped by design/);
  });

  it("an interrupted adaptive run resumes from its next round and ends with exactly the uninterrupted samples", () => {
    const resumed = path.join(dir, "resumed");
    cpSync(adaptive, resumed, { recursive: true });
    const info = json<Record<string, unknown> & { adaptive: { suites: { order: string[] }[] } }>(
      path.join(resumed, "run.json"),
    );
    const firstRound = new Set(info.adaptive.suites[0]!.order.slice(0, 6));
    const kept = readSampleFile(adaptive).filter((sample) => firstRound.has(sample.taskId));
    expect(kept).toHaveLength(6 * 12);
    writeFileSync(path.join(resumed, "samples.jsonl"), kept.map((sample) => `${JSON.stringify(sample)}\n`).join(""));
    writeFileSync(
      path.join(resumed, "run.json"),
      JSON.stringify({ ...info, status: "interrupted", partialReason: undefined }),
    );
    const result = capbench(["run", "--resume", resumed, "--no-progress"]);
    expect(result.status, result.stderr).toBe(0);
    expect(json<Record<string, unknown>>(path.join(resumed, "run.json"))).toMatchObject({
      status: "partial",
      partialReason: "adaptive-stop",
    });
    expect(outcomes(readSampleFile(resumed))).toEqual(outcomes(readSampleFile(adaptive)));

    // A finished adaptive run has nothing to resume.
    const again = capbench(["run", "--resume", adaptive, "--no-progress"]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain("nothing to resume");
  });

  it("refuses what an adaptive run cannot do (exit 2): a shard, one tier, changing it on resume", () => {
    const shard = capbench([...MATRIX, "--adaptive", "--shard", "1/2", "--out", path.join(dir, "shard")]);
    expect(shard.status).toBe(2);
    expect(shard.stderr).toContain("--adaptive cannot be sharded");
    const one = capbench([
      "run",
      "--suite",
      "arith",
      "--models",
      "sim:frontier",
      "--adaptive",
      "--no-progress",
      "--out",
      path.join(dir, "one"),
    ]);
    expect(one.status).toBe(2);
    expect(one.stderr).toContain("--adaptive: this run makes no flag tests to settle");
    const resume = capbench(["run", "--resume", full, "--adaptive", "--no-progress"]);
    expect(resume.status).toBe(2);
    expect(resume.stderr).toContain("drop --adaptive");
  });
});
