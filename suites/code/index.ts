import { UsageError } from "../../src/errors.js";
import type { SuiteDefinition, SuiteOptions, Task } from "../../src/types.js";
import { CODE_OPERATIONS } from "./code-operations.js";
import { generateCodeTask, type CodeLanguage } from "./code-tasks.js";
import { runTestsTool } from "./run-tests-tool.js";

export interface CodeSuiteOptions extends SuiteOptions {
  /** Tasks per difficulty level and language. Default 2. */
  perLevel?: number;
  /** Difficulty levels (numbers of chained steps, 1–15). Default 1–8. */
  levels?: number[];
  /** Default both. */
  languages?: CodeLanguage[];
}

/**
 * Small programming tasks in Python and JavaScript with hidden tests: `transform(numbers)`
 * chains `difficulty` list operations. Scored by running hidden tests in the sandbox; the agent
 * harness gets a `run_tests` tool that checks the visible examples.
 */
export const codeSuite: SuiteDefinition = {
  name: "code",
  description:
    "Python and JavaScript functions with hidden tests; difficulty = number of chained list operations (1–8).",
  scorer: { type: "code-tests" },
  documents: "none",
  tasks(options: CodeSuiteOptions) {
    const levels = options.levels ?? [1, 2, 3, 4, 5, 6, 7, 8];
    const perLevel = options.perLevel ?? 2;
    const languages = options.languages ?? ["python", "javascript"];
    if (!levels.every((level) => Number.isInteger(level) && level >= 1 && level <= CODE_OPERATIONS.length)) {
      throw new UsageError(
        `suiteOptions.code.levels: each level must be an integer from 1 to ${CODE_OPERATIONS.length}`,
      );
    }
    if (!languages.every((language) => language === "python" || language === "javascript")) {
      throw new UsageError('suiteOptions.code.languages: each must be "python" or "javascript"');
    }
    if (!Number.isInteger(perLevel) || perLevel < 1)
      throw new UsageError("suiteOptions.code.perLevel: must be a positive integer");
    const tasks: Task[] = [];
    for (const difficulty of levels) {
      for (let index = 0; index < perLevel; index++) {
        for (const language of languages) tasks.push(generateCodeTask(options.seed, language, difficulty, index));
      }
    }
    return options.limit ? tasks.slice(0, options.limit) : tasks;
  },
  tools: (task) => [runTestsTool(task)],
  sandbox: true,
};
