import path from "node:path";
import { describe, expect, it } from "vitest";
import { importHumanEval } from "../suites/importers/humaneval-importer.js";

const DATA = path.resolve(import.meta.dirname, "../../shared/data");

describe("HumanEval importer with the code-tests scorer", () => {
  it("passes all 164 canonical solutions and fails a wrong one", async () => {
    const suite = await importHumanEval(path.join(DATA, "humaneval/HumanEval.jsonl.gz"), { seed: 1 });
    expect(suite.tasks).toHaveLength(164);
    expect(suite.tasks[0]!.id).toBe("HumanEval/0");
    const scores = await Promise.all(suite.tasks.map((task) => suite.scorer.score({ task, answer: String(task.metadata!.referenceSolution) })));
    const failures = scores.flatMap((score, index) => (score.pass ? [] : [`${suite.tasks[index]!.id}: ${score.explanation}`]));
    expect(failures).toEqual([]);
    const wrong = await suite.scorer.score({ task: suite.tasks[0]!, answer: "    return False\n" });
    expect(wrong.pass).toBe(false);
    expect(wrong.explanation).toMatch(/AssertionError/);
    expect(wrong.explanation).toMatch(/assert candidate/);
  });
});
