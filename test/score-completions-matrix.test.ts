// capbench score on completion matrices: labels per line and per file, epochs, the checks made
// before anything is written, and the run engine's resume and sharding on a score run.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/run-cli.js";
import { loadSuite } from "../src/config/load-suite.js";
import { scoreCompletions } from "../src/runner/score-completions.js";
import type { SampleRecord, Task } from "../src/types.js";
import { readSampleFile, tempDir } from "./cli-helpers.js";

let work = "";
let tasks: Task[] = [];

async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: work,
    env: {},
  });
  return { code, stdout, stderr };
}

function writeJsonl(name: string, rows: unknown[]): string {
  const file = path.join(work, name);
  writeFileSync(file, rows.map((row) => JSON.stringify(row)).join("\n") + "\n");
  return file;
}

/** The right answer to even-numbered tasks, a wrong one to the others. */
const answer = (task: Task, index: number, right = index % 2 === 0) =>
  `The answer is ${Number(task.expected) + (right ? 0 : 1)}.`;

const identity = (sample: SampleRecord) =>
  `${sample.harness}|${sample.model}|${sample.tier}|${sample.taskId}|${sample.epoch}`;

beforeAll(async () => {
  work = tempDir("capbench-score-matrix-");
  const suite = await loadSuite("arith", {
    cwd: work,
    baseDir: work,
    seed: 0,
    limit: null,
    sandbox: "bwrap",
    suiteOptions: {},
  });
  tasks = suite.tasks.slice(0, 8);
});

describe("capbench score: completion matrices", () => {
  it("takes harness, model, tier and epoch from each line, else from the file's labels, else the flags", async () => {
    // File a: lines carry everything but the epoch (two lines per task → epochs 0 and 1).
    const a = writeJsonl(
      "a.jsonl",
      tasks.flatMap((task, index) => [
        { task_id: task.id, completion: answer(task, index), harness: "prompt", model: "small", tier: "low" },
        { task_id: task.id, completion: answer(task, index, true), harness: "prompt", model: "small", tier: "low" },
      ]),
    );
    // File b: no labels in the lines; the file's own (and its answer member is `solution`).
    const b = writeJsonl(
      "b.jsonl",
      tasks.map((task) => ({ task_id: task.id, solution: answer(task, 0) })),
    );
    // File c: nothing at all, and an explicit epoch: the flags' labels.
    writeJsonl(
      "c.jsonl",
      tasks.map((task, index) => ({ task_id: task.id, completion: answer(task, index), epoch: 3 })),
    );
    const out = path.join(work, "matrix");
    const result = await cli([
      "score",
      "--suite",
      "arith",
      "--completions",
      a,
      "--completions",
      `${b}[harness=workflow,model=big,tier=frontier,completion=solution]`,
      "--completions",
      "c.jsonl",
      "--harness",
      "workflow",
      "--model",
      "small",
      "--tier",
      "low",
      "--no-progress",
      "--out",
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Scored 32 completions of 8 tasks in 3 harness × model cells");
    const samples = readSampleFile(out);
    expect(samples).toHaveLength(32);
    expect(new Set(samples.map((sample) => sample.key)).size).toBe(32);
    const cells = new Map<string, number[]>();
    for (const sample of samples) {
      const cell = `${sample.harness}|${sample.model}|${sample.tier}`;
      cells.set(cell, [...(cells.get(cell) ?? []), sample.epoch]);
    }
    expect(new Map([...cells].map(([cell, epochs]) => [cell, [...new Set(epochs)].sort()]))).toEqual(
      new Map([
        ["prompt|small|low", [0, 1]],
        ["workflow|big|frontier", [0]],
        ["workflow|small|low", [3]],
      ]),
    );
    // Scores follow the answers: file a's epoch 1 is always right, epoch 0 only for even tasks.
    for (const sample of samples.filter((entry) => entry.harness === "prompt")) {
      const index = tasks.findIndex((task) => task.id === sample.taskId);
      expect(sample.score?.pass, identity(sample)).toBe(sample.epoch === 1 || index % 2 === 0);
      expect(sample).toMatchObject({ stopReason: "answered", costUsd: null, modelCalls: 0, simulated: false });
      expect(sample.trace).toBeUndefined();
    }
    const summary = JSON.parse(readFileSync(path.join(out, "summary.json"), "utf8"));
    expect(summary.harnesses).toEqual(["prompt", "workflow"]);
    expect(summary.cells).toHaveLength(3);
    const info = JSON.parse(readFileSync(path.join(out, "run.json"), "utf8"));
    expect(info).toMatchObject({
      status: "complete",
      counts: { planned: 32, done: 32, errors: 0 },
      config: {
        command: "score",
        harnesses: ["prompt", "workflow"],
        models: [
          { id: "small", tier: "low" },
          { id: "big", tier: "frontier" },
        ],
        epochs: 4,
      },
    });
  });

  it("checks every line before writing anything", async () => {
    const task = tasks[0]!;
    const cases: [string, unknown[], RegExp, string?][] = [
      [
        "twice.jsonl",
        [
          { task_id: task.id, completion: "1", epoch: 0 },
          { task_id: task.id, completion: "2", epoch: 0 },
        ],
        /twice\.jsonl: line 2: epoch 0 of task arith\/.* \(harness completions, model completions\) is given twice/,
      ],
      [
        "tiers.jsonl",
        [
          { task_id: task.id, completion: "1", model: "m", tier: "low" },
          { task_id: task.id, completion: "1", model: "m", tier: "mid" },
        ],
        /tiers\.jsonl: line 2: tier: model "m" is low on an earlier line and mid here/,
      ],
      [
        "badtier.jsonl",
        [{ task_id: task.id, completion: "1", tier: "top" }],
        /badtier\.jsonl: line 1: tier: must be one of low, mid, frontier, got "top"/,
      ],
      [
        "badepoch.jsonl",
        [{ task_id: task.id, completion: "1", epoch: -1 }],
        /badepoch\.jsonl: line 1: epoch: expected a whole number/,
      ],
      [
        "labels.jsonl",
        [{ task_id: task.id, completion: "1" }],
        /--completions ".*labels\.jsonl\[size=3\]": unknown key "size"/,
        "[size=3]",
      ],
    ];
    for (const [name, rows, message, suffix] of cases) {
      const file = writeJsonl(name, rows);
      const out = path.join(work, `refused-${name}`);
      const result = await cli(["score", "--suite", "arith", "--completions", `${file}${suffix ?? ""}`, "--out", out]);
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out), name).toBe(false);
    }
  });

  it("resumes a crashed score run to exactly the samples of an uninterrupted one", async () => {
    const file = writeJsonl(
      "resume.jsonl",
      tasks.flatMap((task, index) =>
        [0, 1, 2].map((epoch) => ({ task_id: task.id, completion: answer(task, index + epoch) })),
      ),
    );
    const full = path.join(work, "resume-full");
    const outcome = await scoreCompletions({ suite: "arith", completionsFile: file, out: full, cwd: work, model: "m" });
    expect(outcome.counts.completions).toBe(24);
    // A crash after 10 samples: the rest of the lines and the final run.json never written.
    const crashed = path.join(work, "resume-crashed");
    cpSync(full, crashed, { recursive: true });
    const lines = readFileSync(path.join(full, "samples.jsonl"), "utf8").split("\n").filter(Boolean);
    writeFileSync(path.join(crashed, "samples.jsonl"), `${lines.slice(0, 10).join("\n")}\n${lines[10]!.slice(0, 20)}`);
    const info = JSON.parse(readFileSync(path.join(crashed, "run.json"), "utf8"));
    writeFileSync(path.join(crashed, "run.json"), JSON.stringify({ ...info, status: "running", counts: undefined }));
    for (const report of ["summary.json", "report.md", "report.html"]) rmSync(path.join(crashed, report));

    const resumed = await cli(["score", "--resume", crashed, "--no-progress"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const outcomes = (dir: string) =>
      new Map(readSampleFile(dir).map((sample) => [identity(sample), `${sample.answer}|${sample.score?.pass}`]));
    expect(readSampleFile(crashed)).toHaveLength(24);
    expect(outcomes(crashed)).toEqual(outcomes(full));
    expect(JSON.parse(readFileSync(path.join(crashed, "run.json"), "utf8")).status).toBe("complete");
    // Once finished, a resume has nothing to do and writes nothing.
    const again = await cli(["run", "--resume", crashed, "--no-progress"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("is already complete; nothing to resume");
    expect(readSampleFile(crashed)).toHaveLength(24);
  });

  it("shards a score run by task; merged, the shards give the unsharded samples", async () => {
    const file = writeJsonl(
      "shards.jsonl",
      tasks.map((task, index) => ({ task_id: task.id, completion: answer(task, index) })),
    );
    const full = path.join(work, "shards-full");
    expect((await cli(["score", "--suite", "arith", "--completions", file, "--out", full, "--no-progress"])).code).toBe(
      0,
    );
    const parts = [1, 2].map((index) => path.join(work, `shard-${index}`));
    for (const [index, dir] of parts.entries()) {
      const result = await cli([
        "score",
        "--suite",
        "arith",
        "--completions",
        file,
        "--shard",
        `${index + 1}/2`,
        "--out",
        dir,
        "--no-progress",
      ]);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(readFileSync(path.join(dir, "run.json"), "utf8"))).toMatchObject({
        status: "partial",
        partialReason: "shard",
        shard: { index: index + 1, count: 2 },
      });
    }
    const merged = path.join(work, "shards-merged");
    const result = await cli(["merge", ...parts, "--out", merged]);
    expect(result.code, result.stderr).toBe(0);
    const keys = (dir: string) =>
      readSampleFile(dir)
        .map((sample) => sample.key)
        .sort();
    expect(keys(merged)).toEqual(keys(full));
    expect(readSampleFile(parts[0]!).length).toBeGreaterThan(0);
    expect(readSampleFile(parts[0]!).length).toBeLessThan(8);
  });
});
