import { z } from "zod";
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
export const codeSuite = {
  name: "code",
  description:
    "Python and JavaScript functions with hidden tests; difficulty = number of chained list operations (1–8).",
  scorer: { type: "code-tests" },
  options: z.strictObject({
    perLevel: z.int().min(1).optional(),
    levels: z.array(z.int().min(1).max(CODE_OPERATIONS.length)).min(1).optional(),
    languages: z
      .array(z.enum(["python", "javascript"]))
      .min(1)
      .optional(),
  }),
  documents: "none",
  tasks(options: CodeSuiteOptions) {
    const levels = options.levels ?? [1, 2, 3, 4, 5, 6, 7, 8];
    const perLevel = options.perLevel ?? 2;
    const languages = options.languages ?? ["python", "javascript"];
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
} satisfies SuiteDefinition;
