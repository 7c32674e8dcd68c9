import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importGsm8k } from "../suites/importers/gsm8k-importer.js";
import { finalAnswer } from "../suites/importers/gsm8k-scorer.js";
import { SHARED_DATA, sharedData } from "./shared-data.js";

const DATA = sharedData("gsm8k");

describe.skipIf(!SHARED_DATA)("GSM8K importer and scorer", () => {
  it("imports 1319 problems with the number after #### as expected", async () => {
    const suite = await importGsm8k(path.join(DATA, "test.jsonl"), { seed: 1 });
    expect(suite.tasks).toHaveLength(1319);
    expect(suite.tasks[0]).toMatchObject({ id: "gsm8k/0", expected: "18" });
    expect(suite.tasks.every((task) => /^-?\d+(\.\d+)?$/.test(String(task.expected)))).toBe(true);
  });

  it("reproduces the upstream is_correct counts of the published model solutions exactly", async () => {
    const suite = await importGsm8k(path.join(DATA, "test.jsonl"), { seed: 1 });
    const rows = fs
      .readFileSync(path.join(DATA, "example_model_solutions.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, { is_correct: boolean; solution: string }>);
    expect(rows).toHaveLength(suite.tasks.length);
    const models = ["6b_finetuning", "6b_verification", "175b_finetuning", "175b_verification"];
    const counts: Record<string, { upstream: number; ours: number; disagreements: number }> = {};
    for (const model of models) {
      const tally = { upstream: 0, ours: 0, disagreements: 0 };
      rows.forEach((row, index) => {
        const solution = row[model]!;
        const score = suite.scorer.score({ task: suite.tasks[index]!, answer: solution.solution }) as { pass: boolean };
        tally.upstream += solution.is_correct ? 1 : 0;
        tally.ours += score.pass ? 1 : 0;
        tally.disagreements += score.pass === solution.is_correct ? 0 : 1;
      });
      counts[model] = tally;
    }
    expect(counts).toEqual({
      "6b_finetuning": { upstream: 286, ours: 286, disagreements: 0 },
      "6b_verification": { upstream: 515, ours: 515, disagreements: 0 },
      "175b_finetuning": { upstream: 458, ours: 458, disagreements: 0 },
      "175b_verification": { upstream: 742, ours: 742, disagreements: 0 },
    });
  });

  it("extracts the final answer from the usual shapes", () => {
    expect(finalAnswer("She makes 9 * 2 = $18.\nA: 18")).toBe(18);
    expect(finalAnswer("so 1,200 + 5 = 1,205\n#### 1,205")).toBe(1205);
    expect(finalAnswer("The answer is $-3.5 dollars.")).toBe(-3.5);
    expect(finalAnswer("First 3 then 4, total 7")).toBe(7);
    expect(finalAnswer("no idea")).toBeNull();
  });
});
