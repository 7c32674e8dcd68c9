import path from "node:path";
import { describe, expect, it } from "vitest";
import { importHumanEval } from "../suites/importers/humaneval-importer.js";
import { SHARED_DATA, sharedData } from "./shared-data.js";

const DATA = sharedData("");

// The 164/164 check on the canonical solutions is in score-completions.test.ts.
describe.skipIf(!SHARED_DATA)("HumanEval importer", () => {
  it("imports the problems with ids as in the file and the reference solution out of the prompt", async () => {
    const suite = await importHumanEval(path.join(DATA, "humaneval/HumanEval.jsonl.gz"), { seed: 1 });
    expect(suite.tasks).toHaveLength(164);
    expect(suite.tasks.map((task) => task.id).slice(0, 2)).toEqual(["HumanEval/0", "HumanEval/1"]);
    const task = suite.tasks[0]!;
    expect(task.prompt).toContain("def has_close_elements(numbers: List[float], threshold: float) -> bool:");
    expect(task.prompt).not.toContain(String(task.metadata!.referenceSolution).trim());
    expect(task.metadata).toMatchObject({ entryPoint: "has_close_elements" });
  });

  it("accepts a whole function in a fenced block and explains a wrong body with the failing assertion", async () => {
    const suite = await importHumanEval(path.join(DATA, "humaneval/HumanEval.jsonl.gz"), { seed: 1 });
    const task = suite.tasks[0]!;
    const fenced =
      "Here is the function:\n```python\ndef has_close_elements(numbers, threshold):\n    return any(abs(a - b) < threshold for i, a in enumerate(numbers) for b in numbers[i + 1:])\n```";
    expect(await suite.scorer.score({ task, answer: fenced })).toMatchObject({ pass: true });
    const wrong = await suite.scorer.score({ task, answer: "    return False\n" });
    expect(wrong.pass).toBe(false);
    expect(wrong.explanation).toMatch(
      /^tests failed: File "tests\.py", line \d+, in check \| assert candidate\(\[1\.0, 2\.0, 3\.9, 4\.0, 5\.0, 2\.2\], 0\.3\) == True \| AssertionError$/,
    );
  });
});
