import { codeTestsScorer } from "../../scorers/code-tests-scorer.js";
import { UsageError } from "../../src/errors.js";
import type { SandboxMode } from "../../src/sandbox/index.js";
import type { Suite, SuiteOptions, Task } from "../../src/types.js";
import { readJsonlFile, stringField } from "./read-jsonl-file.js";

/**
 * MBPP (`{text, code, task_id, test_setup_code, test_list}` lines): ids `mbpp/<task_id>`; the
 * prompt gives the tests, as in the MBPP paper; `test_setup_code` and `test_list` run after the
 * completion, under the code verifier with plain data only (every reference solution returns
 * plain data). The entry point is the first function the first test calls, so a completion's
 * `sum` is the one tested even though a builtin of that name exists.
 */
export async function importMbpp(file: string, options: SuiteOptions & { sandbox?: SandboxMode }): Promise<Suite> {
  const rows = await readJsonlFile(file);
  const tasks = rows.map((row): Task => {
    const tests = row.value.test_list;
    if (!Array.isArray(tests) || !tests.every((test) => typeof test === "string"))
      throw new UsageError(`${file}: line ${row.line}: test_list: expected a list of strings`);
    const id = row.value.task_id;
    if (typeof id !== "number" && typeof id !== "string")
      throw new UsageError(`${file}: line ${row.line}: task_id: expected a number`);
    const setup = typeof row.value.test_setup_code === "string" ? row.value.test_setup_code : "";
    return {
      id: `mbpp/${id}`,
      prompt: `You are an expert Python programmer, and here is your task: ${stringField(row, "text", file)} Your code should pass these tests:\n\n${tests.join("\n")}\n\nReply with the code in a \`\`\`python code block.`,
      expected: {
        language: "python",
        tests: `${setup}\n${tests.join("\n")}`,
        ...(entryPointOf(tests[0]) ? { entryPoint: entryPointOf(tests[0])! } : {}),
      },
      metadata: typeof row.value.code === "string" ? { referenceSolution: row.value.code } : {},
    };
  });
  return {
    name: "mbpp",
    description: `MBPP from ${file}`,
    scorer: codeTestsScorer({
      language: "python",
      values: "plain-data",
      ...(options.sandbox ? { sandbox: options.sandbox } : {}),
    }),
    tasks,
    documents: "none",
    source: `mbpp:${file}`,
  };
}

const PYTHON_KEYWORDS = new Set(["assert", "not", "and", "or", "in", "is", "if", "else", "lambda"]);
const BUILTIN_WRAPPERS = new Set([
  "set",
  "sorted",
  "list",
  "tuple",
  "dict",
  "round",
  "abs",
  "str",
  "int",
  "float",
  "len",
]);

/** The first name called in a test (`assert name(…)`), skipping the builtins tests wrap results in. */
export function entryPointOf(test: string | undefined): string | undefined {
  const calls = [...(test ?? "").matchAll(/(?<![\w.])([A-Za-z_]\w*)\s*\(/g)]
    .map((match) => match[1]!)
    .filter((name) => !PYTHON_KEYWORDS.has(name));
  return calls.find((name) => !BUILTIN_WRAPPERS.has(name)) ?? calls[0];
}
