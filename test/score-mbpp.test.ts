import path from "node:path";
import { describe, expect, it } from "vitest";
import { importMbpp } from "../suites/importers/mbpp-importer.js";
import { SHARED_DATA, sharedData } from "./shared-data.js";

const DATA = sharedData("");

describe.skipIf(!SHARED_DATA)("MBPP importer", () => {
  it("runs test_setup_code and test_list after the completion: reference code passes, a wrong one fails", async () => {
    const suite = await importMbpp(path.join(DATA, "mbpp/mbpp.jsonl"), { seed: 1, baseDir: "." });
    expect(suite.tasks).toHaveLength(974);
    expect(suite.tasks[0]!.id).toBe("mbpp/1");
    expect(suite.tasks[0]!.prompt).toContain("assert min_cost([[1, 2, 3], [4, 8, 2], [1, 5, 3]], 2, 2) == 8");
    const sample = suite.tasks.slice(0, 40);
    const scores = await Promise.all(
      sample.map((task) =>
        suite.scorer.score({ task, answer: `\`\`\`python\n${String(task.metadata!.referenceSolution)}\n\`\`\`` }),
      ),
    );
    expect(scores.filter((score) => !score.pass).map((score) => score.explanation)).toEqual([]);
    const wrong = await suite.scorer.score({
      task: suite.tasks[0]!,
      answer: "def min_cost(cost, m, n):\n    return 0",
    });
    expect(wrong.explanation).toMatch(/assert min_cost\(.*AssertionError/);
  });
});
