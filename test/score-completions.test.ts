import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { scoreCompletions } from "../src/runner/score-completions.js";
import { SHARED_DATA, sharedData } from "./shared-data.js";

const DATA = sharedData("");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "capbench-score-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function writeJsonl(name: string, rows: unknown[]): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, rows.map((row) => JSON.stringify(row)).join("\n") + "\n");
  return file;
}

const humanEval = (
  SHARED_DATA ? gunzipSync(fs.readFileSync(path.join(DATA, "humaneval/HumanEval.jsonl.gz"))) : Buffer.from("")
)
  .toString("utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as { task_id: string; canonical_solution: string });

describe.skipIf(!SHARED_DATA)("scoreCompletions", () => {
  it("scores the 164 canonical HumanEval solutions 164/164 and writes a results directory", async () => {
    const completions = writeJsonl(
      "canonical.jsonl",
      humanEval.map((problem) => ({ task_id: problem.task_id, completion: problem.canonical_solution })),
    );
    const out = path.join(work, "canonical-results");
    const outcome = await scoreCompletions({
      suite: `humaneval:${path.join(DATA, "humaneval/HumanEval.jsonl.gz")}`,
      completionsFile: completions,
      out,
      cwd: work,
    });
    expect(outcome.counts).toEqual({ completions: 164, passed: 164, errors: 0, tasksScored: 164, tasksWithout: 0 });
    for (const file of ["run.json", "samples.jsonl", "summary.json", "report.md", "report.html"])
      expect(fs.existsSync(path.join(out, file)), file).toBe(true);
    const cell = outcome.summary.cells[0]!;
    expect(cell).toMatchObject({
      suite: "humaneval",
      harness: "completions",
      model: "completions",
      tasks: 164,
      samples: 164,
      mean: 1,
    });
    expect(cell.passAtK).toEqual({ "1": 1 });
    const runInfo = JSON.parse(fs.readFileSync(path.join(out, "run.json"), "utf8"));
    expect(runInfo).toMatchObject({ status: "complete", counts: { planned: 164, done: 164, errors: 0 } });
  });

  it("reports pass@k from several completions per task (the i-th line of a task is epoch i)", async () => {
    // CodeT's sample file is not in HumanEval order: its prompts identify the tasks through CodeT's problem file.
    const readLines = (file: string) =>
      fs
        .readFileSync(path.join(DATA, "codet-humaneval-samples", file), "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { prompt: string; task_id: string; samples: string[] });
    const taskIdOf = new Map(
      readLines("HumanEval_for_code_generation.jsonl").map((problem) => [problem.prompt, problem.task_id]),
    );
    const samples = readLines("HumanEval_codegen16B_temp0.8_topp0.95_num100_max300_code_solution.jsonl").slice(0, 6);
    const perTask = 12;
    const rows = samples.flatMap((problem) =>
      problem.samples.slice(0, perTask).map((completion) => ({ task_id: taskIdOf.get(problem.prompt)!, completion })),
    );
    expect(rows.every((row) => row.task_id !== undefined)).toBe(true);
    const outcome = await scoreCompletions({
      suite: `humaneval:${path.join(DATA, "humaneval/HumanEval.jsonl.gz")}`,
      completionsFile: writeJsonl("codet.jsonl", rows),
      out: path.join(work, "codet-results"),
      cwd: work,
      model: "codegen-16b",
    });
    expect(outcome.counts).toMatchObject({ completions: 72, tasksScored: 6, tasksWithout: 158 });
    const lines = fs
      .readFileSync(path.join(work, "codet-results/samples.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { taskId: string; epoch: number; score: { pass: boolean } });
    expect(new Set(lines.filter((line) => line.taskId === rows[0]!.task_id).map((line) => line.epoch))).toEqual(
      new Set([...Array(perTask).keys()]),
    );
    // pass@k recomputed here from the per-task pass counts with the product form of the estimator.
    const passed = new Map<string, number>();
    for (const line of lines) passed.set(line.taskId, (passed.get(line.taskId) ?? 0) + (line.score.pass ? 1 : 0));
    // Chen et al.'s numerically stable form: 1 − ∏_{j=n−c+1..n} (1 − k/j).
    const estimate = (k: number) =>
      [...passed.values()].reduce(
        (sum, c) =>
          sum +
          (perTask - c < k ? 1 : 1 - [...Array(c).keys()].reduce((product, i) => product * (1 - k / (perTask - i)), 1)),
        0,
      ) / passed.size;
    const cell = outcome.summary.cells[0]!;
    expect(cell.model).toBe("codegen-16b");
    expect(cell.passAtK["1"]).toBeCloseTo(estimate(1), 10);
    expect(cell.passAtK["10"]).toBeCloseTo(estimate(10), 10);
    expect(cell.passAtK["100"]).toBeUndefined();
    expect(cell.passAtK["10"]!).toBeGreaterThan(cell.passAtK["1"]!);
  });

  it("reproduces the upstream is_correct counts of the published GSM8K solutions", async () => {
    const rows = fs
      .readFileSync(path.join(DATA, "gsm8k/example_model_solutions.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, { is_correct: boolean; solution: string }>);
    for (const model of ["6b_finetuning", "175b_verification"]) {
      const completions = writeJsonl(
        `gsm8k-${model}.jsonl`,
        rows.map((row, index) => ({ task_id: `gsm8k/${index}`, completion: row[model]!.solution })),
      );
      const outcome = await scoreCompletions({
        suite: `gsm8k:${path.join(DATA, "gsm8k/test.jsonl")}`,
        completionsFile: completions,
        out: path.join(work, `gsm8k-${model}`),
        cwd: work,
        model,
      });
      expect(outcome.counts.passed, model).toBe(rows.filter((row) => row[model]!.is_correct).length);
      expect(outcome.counts.completions).toBe(1319);
    }
  });

  it("names the file and line of an unknown task id, before writing anything", async () => {
    const completions = writeJsonl("unknown.jsonl", [
      { task_id: "HumanEval/0", completion: "    return True\n" },
      { task_id: "HumanEval/999", completion: "" },
    ]);
    const out = path.join(work, "unknown-results");
    await expect(
      scoreCompletions({
        suite: `humaneval:${path.join(DATA, "humaneval/HumanEval.jsonl.gz")}`,
        completionsFile: completions,
        out,
        cwd: work,
      }),
    ).rejects.toThrow('unknown.jsonl: line 2: task_id: "HumanEval/999" is not a task of suite "humaneval" (164 tasks)');
    expect(fs.existsSync(out)).toBe(false);
    const malformed = writeJsonl("malformed.jsonl", [{ task_id: "HumanEval/0" }]);
    await expect(
      scoreCompletions({
        suite: `humaneval:${path.join(DATA, "humaneval/HumanEval.jsonl.gz")}`,
        completionsFile: malformed,
        out,
        cwd: work,
      }),
    ).rejects.toThrow("malformed.jsonl: line 1: completion: expected a string");
  });
});
