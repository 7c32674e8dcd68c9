import { codeTestsScorer } from "../../scorers/code-tests-scorer.js";
import type { SandboxMode } from "../../src/sandbox/index.js";
import type { Suite, SuiteOptions, Task } from "../../src/types.js";
import { readJsonlFile, stringField } from "./read-jsonl-file.js";

const INSTRUCTION =
  "Complete the following Python function. Reply with the complete function in a ```python code block.";

/**
 * HumanEval (`.jsonl` or `.jsonl.gz`). A problem passes when `test + "\ncheck(entry_point)"` runs
 * to its end against `prompt + completion`, as in the benchmark's own evaluator, under the code
 * verifier: the tests see only plain data from the completion (every reference solution returns
 * plain data), and the prompt's own helpers (`poly`, `encode_cyclic`, …) even if the completion
 * redefines them. A completion may also be a whole function in a fenced block.
 */
export async function importHumanEval(file: string, options: SuiteOptions & { sandbox?: SandboxMode }): Promise<Suite> {
  const rows = await readJsonlFile(file);
  const tasks: Task[] = rows.map((row) => {
    const prompt = stringField(row, "prompt", file);
    const entryPoint = stringField(row, "entry_point", file);
    return {
      id: stringField(row, "task_id", file),
      prompt: `${INSTRUCTION}\n\n\`\`\`python\n${prompt}\`\`\``,
      expected: {
        language: "python",
        setup: prompt,
        tests: `${stringField(row, "test", file)}\ncheck(${entryPoint})`,
        entryPoint,
      },
      metadata: {
        entryPoint,
        ...(typeof row.value.canonical_solution === "string"
          ? { referenceSolution: row.value.canonical_solution }
          : {}),
      },
    };
  });
  return {
    name: "humaneval",
    description: `HumanEval problems from ${file}`,
    scorer: codeTestsScorer({
      language: "python",
      values: "plain-data",
      ...(options.sandbox ? { sandbox: options.sandbox } : {}),
    }),
    tasks,
    documents: "none",
    source: `humaneval:${file}`,
  };
}
