import type { SandboxLanguage, SandboxMode } from "../src/sandbox/index.js";
import { UsageError } from "../src/errors.js";
import type { Scorer, Task } from "../src/types.js";
import { truncateExplanation } from "./explain-output.js";
import { extractCode } from "./extract-code.js";
import type { CodeValues } from "./verify-code.js";

export interface CodeTestsOptions {
  /** Default language when a task does not name one (`javascript` means node). Default `python`. */
  language?: SandboxLanguage | "javascript" | "js";
  /** Wall time per program. Default 10 s. */
  timeoutMs?: number;
  /** Default: the process-wide sandbox mode. */
  sandbox?: SandboxMode;
  /** What the tests may do with the code's values (see CodeValues). Default `plain-data`. */
  values?: CodeValues;
}

/**
 * What a code task's `expected` holds: the tests run against `setup + code` (HumanEval: setup =
 * the prompt, tests = `test + "\ncheck(entry_point)"`, entryPoint = `entry_point`). A bare string
 * is the tests.
 */
export interface CodeTestsExpected {
  tests: string;
  setup?: string;
  language?: SandboxLanguage;
  /** The name under test; see CodeVerification.entryPoint. */
  entryPoint?: string;
}

const LANGUAGES: Record<string, SandboxLanguage> = { python: "python", node: "node", javascript: "node", js: "node" };
const VALUES: readonly CodeValues[] = ["plain-data", "any"];

/**
 * Runs the answer's code against the task's tests in the sandbox; passes only when the tests ran
 * to their end (see verifyCode). Throws, rather than scoring, when the signal aborts it.
 */
export function codeTestsScorer(options: CodeTestsOptions = {}, where = "code-tests scorer"): Scorer {
  if (options.language !== undefined && !LANGUAGES[options.language]) {
    throw new UsageError(`${where}.language: must be python or node (javascript), got "${String(options.language)}"`);
  }
  if (options.timeoutMs !== undefined && !(Number.isInteger(options.timeoutMs) && options.timeoutMs > 0)) {
    throw new UsageError(`${where}.timeoutMs: must be a positive integer (milliseconds)`);
  }
  if (options.values !== undefined && !VALUES.includes(options.values)) {
    throw new UsageError(`${where}.values: must be "plain-data" or "any", got "${String(options.values)}"`);
  }
  const defaultLanguage = options.language ? LANGUAGES[options.language]! : "python";
  return {
    name: "code-tests",
    async score({ task, answer, signal }) {
      const expected = codeTestsExpected(task);
      const language = (expected.language && LANGUAGES[expected.language]) || defaultLanguage;
      // The verifier (judges, sandbox) loads on the first code sample, not at start-up.
      const { verifyCode } = await import("./verify-code.js");
      const verdict = await verifyCode({
        language,
        code: extractCode(answer, language),
        tests: expected.tests,
        values: options.values ?? "plain-data",
        ...(expected.setup !== undefined ? { setup: expected.setup } : {}),
        ...(expected.entryPoint ? { entryPoint: expected.entryPoint } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.sandbox ? { sandbox: options.sandbox } : {}),
        ...(signal ? { signal } : {}),
      });
      return { value: verdict.pass ? 1 : 0, pass: verdict.pass, explanation: truncateExplanation(verdict.explanation) };
    },
  };
}

export function codeTestsExpected(task: Task): CodeTestsExpected {
  const expected = task.expected;
  if (typeof expected === "string") return { tests: expected };
  if (expected && typeof expected === "object" && typeof (expected as CodeTestsExpected).tests === "string") {
    return expected as CodeTestsExpected;
  }
  throw new Error(
    `task ${task.id}: expected must be the tests (a string) or { tests, setup?, language?, entryPoint? } for the code-tests scorer`,
  );
}

/** The single program `setup + code + tests` of the benchmarks' own evaluators (no verifier): the bench's plain baseline. */
export function buildProgram(language: SandboxLanguage, expected: CodeTestsExpected, code: string): string {
  const setup = expected.setup ?? "";
  // JavaScript tests go in a block so their `const assert = …` cannot clash with the answer's.
  const tests = language === "node" ? `;{\n${expected.tests}\n}\n` : expected.tests;
  return `${setup}${code}\n${tests}\n`;
}
