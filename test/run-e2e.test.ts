import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readTrace } from "../src/store/trace-file.js";
import { capbench, readSampleFile, startCapbench, tempDir } from "./cli-helpers.js";

const LADDER = ["--models", "sim:low,sim:mid,sim:frontier"];

describe("capbench run (built CLI, simulated ladder)", () => {
  it("writes tasks × models × epochs samples, a summary where frontier beats low, and the reports", () => {
    const out = path.join(tempDir(), "run");
    const result = capbench([
      "run",
      "--suite",
      "arith",
      "--harness",
      "prompt",
      ...LADDER,
      "--epochs",
      "2",
      "--out",
      out,
    ]);
    expect(result.status, result.stderr).toBe(0);
    const samples = readSampleFile(out);
    const tasks = new Set(samples.map((sample) => sample.taskId)).size;
    expect(tasks).toBe(32);
    expect(samples).toHaveLength(tasks * 3 * 2);
    expect(new Set(samples.map((sample) => sample.key)).size).toBe(samples.length);
    for (const sample of samples) {
      expect(sample).toMatchObject({ suite: "arith", harness: "prompt", stopReason: "answered", simulated: true });
      expect(sample.score).not.toBeNull();
      expect(readTrace(out, sample)?.key).toBe(sample.key);
    }
    const summary = JSON.parse(readFileSync(path.join(out, "summary.json"), "utf8"));
    const mean = (model: string) => summary.cells.find((cell: { model: string }) => cell.model === model).mean;
    expect(mean("sim:frontier")).toBeGreaterThan(mean("sim:low"));
    for (const cell of summary.cells) {
      expect(cell.ci95[0]).toBeLessThanOrEqual(cell.mean);
      expect(cell.ci95[1]).toBeGreaterThanOrEqual(cell.mean);
    }
    expect(summary.flags).toBeInstanceOf(Array);
    const info = JSON.parse(readFileSync(path.join(out, "run.json"), "utf8"));
    expect(info.status).toBe("complete");
    expect(existsSync(path.join(out, "report.md"))).toBe(true);
    expect(result.stdout).toContain("simulated");
    expect(result.stdout).toContain(`Results: ${out}`);
  });

  it("renders a command's help when asked (the help text is not rendered on every run)", () => {
    const help = capbench(["run", "--help"]);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain("--max-cost");
    expect(help.stdout).toContain("--adaptive");
  });

  it("prints summary.json with --json", () => {
    const out = path.join(tempDir(), "run");
    const result = capbench([
      "run",
      "--suite",
      "arith",
      "--models",
      "sim:low",
      "--limit",
      "4",
      "--json",
      "--no-progress",
      "--out",
      out,
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).cells).toHaveLength(1);
  });

  it("resumes a run killed with SIGKILL: no sample lost, none twice, same scores", async () => {
    const base = tempDir();
    const args = [
      "run",
      "--suite",
      "arith",
      "--harness",
      "prompt",
      ...LADDER,
      "--epochs",
      "12",
      "--concurrency",
      "2",
      "--seed",
      "4",
    ];
    const full = path.join(base, "full");
    expect(capbench([...args, "--out", full]).status).toBe(0);

    const killed = path.join(base, "killed");
    const child = startCapbench([...args, "--out", killed]);
    const samplesFile = path.join(killed, "samples.jsonl");
    // Wait (bounded) until some samples are on disk, then kill without warning.
    for (let attempt = 0; attempt < 2000; attempt++) {
      if (existsSync(samplesFile) && readFileSync(samplesFile, "utf8").split("\n").length > 60) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    const partial = readSampleFile(killed).length;
    const resumed = capbench(["run", "--resume", killed]);
    expect(resumed.status, resumed.stderr).toBe(0);

    const expected = readSampleFile(full);
    const actual = readSampleFile(killed);
    expect(partial).toBeLessThan(expected.length);
    expect(actual).toHaveLength(expected.length);
    const scores = (records: typeof actual) =>
      new Map(records.map((record) => [record.key, `${record.answer}|${record.score?.value}`]));
    expect(scores(actual)).toEqual(scores(expected));
  });

  it("stops cleanly on Ctrl-C (SIGINT) and leaves a resumable directory", async () => {
    const out = path.join(tempDir(), "run");
    const child = startCapbench([
      "run",
      "--suite",
      "arith",
      "--harness",
      "test/fixtures/slow-harness.ts",
      ...LADDER,
      "--epochs",
      "2",
      "--concurrency",
      "2",
      "--out",
      out,
    ]);
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const samplesFile = path.join(out, "samples.jsonl");
    for (let attempt = 0; attempt < 2000; attempt++) {
      if (existsSync(samplesFile) && readFileSync(samplesFile, "utf8").split("\n").length > 10) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill("SIGINT");
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(130);
    expect(stderr).toContain(`resume with: capbench run --resume ${out}`);
    const info = JSON.parse(readFileSync(path.join(out, "run.json"), "utf8"));
    expect(info.status).toBe("interrupted");
    const partial = readSampleFile(out).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(32 * 3 * 2);
    expect(capbench(["run", "--resume", out, "--no-progress"]).status).toBe(0);
    const samples = readSampleFile(out);
    expect(samples).toHaveLength(32 * 3 * 2);
    expect(new Set(samples.map((sample) => sample.key)).size).toBe(samples.length);
  });

  it("exits 2 naming file and field for a bad suite file, and writes nothing", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "bad.yaml"), "name: bad\nscorer: { type: exact }\ntasks:\n  - { id: a, prompt: q }\n");
    const result = capbench(["run", "--suite", "bad.yaml", "--models", "sim:low", "--out", path.join(dir, "out")], {
      cwd: dir,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe("capbench: bad.yaml: tasks[0].expected: required");
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("exits 3 when every sample errored, recording each as an error rather than a score of 0", () => {
    const out = path.join(tempDir(), "run");
    const result = capbench([
      "run",
      "--suite",
      "arith",
      "--harness",
      "test/fixtures/broken-harness.ts",
      "--models",
      "sim:low",
      "--limit",
      "3",
      "--no-progress",
      "--out",
      out,
    ]);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("every sample errored (3 of 3)");
    const samples = readSampleFile(out);
    expect(samples).toHaveLength(3);
    for (const sample of samples) {
      expect(sample).toMatchObject({ score: null, stopReason: "harness_error", error: { kind: "harness" } });
      expect(sample.error!.message).toContain("cannot read properties of undefined");
    }
    const summary = JSON.parse(readFileSync(path.join(out, "summary.json"), "utf8"));
    expect(summary.cells[0]).toMatchObject({ errors: 3, mean: null });
  });

  it("exits 2 for a malformed config file", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "capbench.config.yaml"), "epochs: many\n");
    const result = capbench(["run"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^capbench: capbench.config.yaml: epochs: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
