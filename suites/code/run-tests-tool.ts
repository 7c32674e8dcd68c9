import { codeTestsScorer } from "../../scorers/code-tests-scorer.js";
import type { Task, Tool } from "../../src/types.js";
import type { CodeTaskMetadata } from "./code-tasks.js";

/**
 * `run_tests`: runs the candidate code against the task's visible tests (the prompt's
 * examples) in the sandbox. The hidden tests stay hidden: they are only used for the score.
 */
export function runTestsTool(task: Task): Tool {
  const metadata = task.metadata as unknown as CodeTaskMetadata;
  const language = metadata.language === "python" ? "python" : "node";
  // The same verifier as the score, so no trick that fools run_tests could be learned here.
  const scorer = codeTestsScorer({ language, timeoutMs: 5_000, values: "plain-data" });
  return {
    spec: {
      name: "run_tests",
      description: `Runs your ${metadata.language === "python" ? "Python" : "JavaScript"} code against the visible example tests in a sandbox and reports whether they pass, with the first failing assertion or error. The final answer is checked against more, hidden tests.`,
      parameters: {
        type: "object",
        properties: { code: { type: "string", description: "The complete code defining `transform`." } },
        required: ["code"],
        additionalProperties: false,
      },
    },
    async execute(args, context) {
      const code = typeof args.code === "string" ? args.code : "";
      if (code.trim() === "") throw new Error("run_tests needs `code`: the complete code defining `transform`");
      const visibleTask: Task = { ...task, expected: { language, tests: metadata.visibleTests } };
      const score = await scorer.score({ task: visibleTask, answer: code, signal: context.signal });
      return score.pass
        ? "All visible tests passed."
        : `Visible tests failed: ${score.explanation.replace(/^tests failed: /, "")}`;
    },
  };
}
