import { describe, expect, it } from "vitest";
import { createScorer } from "../../src/registry/create-scorer.js";
import type { Task } from "../../src/types.js";
import type { CodeTaskMetadata } from "./code-tasks.js";
import { codeSuite } from "./index.js";

const scorer = createScorer({ type: "code-tests" }, { where: "code", baseDir: ".", sandbox: { mode: "bwrap" } });
const tasksOf = (options: Record<string, unknown>) =>
  (codeSuite.tasks as (options: { seed: number }) => Task[])({ seed: 7, ...options });
const metadataOf = (task: Task) => task.metadata as unknown as CodeTaskMetadata;

describe("built-in code suite", () => {
  const tasks = tasksOf({ perLevel: 2 });

  it("generates Python and JavaScript tasks over difficulty 1–8, deterministically from the seed", () => {
    expect(tasks).toHaveLength(32);
    expect(new Set(tasks.map((task) => task.difficulty))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(new Set(tasks.map((task) => task.id)).size).toBe(32);
    expect(tasksOf({ perLevel: 2 })).toEqual(tasks);
    expect(tasksOf({ perLevel: 2, seed: 8 }).map((task) => task.prompt)).not.toEqual(tasks.map((task) => task.prompt));
    for (const task of tasks) {
      expect(task.prompt.match(/^\d+\. /gm)).toHaveLength(task.difficulty!);
      expect(task.prompt).not.toContain(metadataOf(task).referenceSolution.split("\n")[2]!.trim());
    }
    // Options are checked by the suite's schema at load, before any task is generated.
    expect(codeSuite.options.safeParse({ levels: [0] }).success).toBe(false);
    expect(codeSuite.options.safeParse({ levels: [15], languages: ["python"] }).success).toBe(true);
  });

  it("the reference solutions pass the hidden tests; answers fitted to the examples or missing a step do not", async () => {
    const reference = await Promise.all(
      tasks.map((task) => scorer.score({ task, answer: "```\n" + metadataOf(task).referenceSolution + "```" })),
    );
    expect(reference.filter((score) => !score.pass).map((score) => score.explanation)).toEqual([]);

    // Hard-codes the visible examples: passes run_tests, fails the hidden tests.
    const task = tasks.find((candidate) => metadataOf(candidate).language === "python" && candidate.difficulty === 3)!;
    const examples = [...task.prompt.matchAll(/^transform\((\[.*\])\) returns (\[.*\])$/gm)].map(
      (match) => `    if numbers == ${match[1]}: return ${match[2]}`,
    );
    const fitted = `def transform(numbers):\n${examples.join("\n")}\n    return []\n`;
    const runTests = codeSuite.tools(task)[0]!;
    expect(await runTests.execute({ code: fitted }, { signal: new AbortController().signal, scratchDir: "/tmp" })).toBe(
      "All visible tests passed.",
    );
    const fittedScore = await scorer.score({ task, answer: fitted });
    expect(fittedScore.pass).toBe(false);
    expect(fittedScore.explanation).toMatch(/should return/);

    // The reference with its last step left out fails, in both languages.
    const broken = await Promise.all(
      tasks
        .filter((candidate) => candidate.difficulty! >= 2)
        .map((candidate) => {
          const lines = metadataOf(candidate).referenceSolution.split("\n");
          const lastStep = lines.findLastIndex((line) => line.trim().startsWith("result ="));
          return scorer.score({ task: candidate, answer: lines.filter((_, index) => index !== lastStep).join("\n") });
        }),
    );
    expect(broken.filter((score) => score.pass).map((score) => score.explanation)).toEqual([]);
  });

  it("gives the agent a run_tests tool that reports the failing example", async () => {
    const task = tasks.find(
      (candidate) => metadataOf(candidate).language === "javascript" && candidate.difficulty === 2,
    )!;
    const [tool] = codeSuite.tools(task);
    expect(tool!.spec.name).toBe("run_tests");
    const context = { signal: new AbortController().signal, scratchDir: "/tmp" };
    expect(await tool!.execute({ code: metadataOf(task).referenceSolution }, context)).toBe(
      "All visible tests passed.",
    );
    expect(await tool!.execute({ code: "function transform(numbers) { return numbers; }" }, context)).toMatch(
      /^Visible tests failed: AssertionError \[ERR_ASSERTION\]: transform\(\[.*\]\) should return/,
    );
    await expect(Promise.resolve(tool!.execute({}, context))).rejects.toThrow(/needs `code`/);
  });
});
