import { runInSandbox, type SandboxLanguage, type SandboxMode, type SandboxResult } from "../src/sandbox/index.js";
import { UsageError } from "../src/errors.js";
import type { Scorer, Task } from "../src/types.js";
import { extractCode } from "./extract-code.js";

export interface CodeTestsOptions {
  /** Default language when a task does not name one (`javascript` means node). Default `python`. */
  language?: SandboxLanguage | "javascript" | "js";
  /** Wall time per program. Default 10 s. */
  timeoutMs?: number;
  /** Default: the process-wide sandbox mode. */
  sandbox?: SandboxMode;
}

/**
 * What a code task's `expected` holds: the program run is `setup + code + "\n" + tests`
 * (HumanEval: setup = the prompt, tests = `test + "\ncheck(entry_point)"`). A bare string is
 * the tests.
 */
export interface CodeTestsExpected {
  tests: string;
  setup?: string;
  language?: SandboxLanguage;
}

const EXPLANATION_LENGTH = 400;

const LANGUAGES: Record<string, SandboxLanguage> = { python: "python", node: "node", javascript: "node", js: "node" };

/** Runs the answer's code with the task's tests in the sandbox; passes when the program exits 0. */
export function codeTestsScorer(options: CodeTestsOptions = {}, where = "code-tests scorer"): Scorer {
  if (options.language !== undefined && !LANGUAGES[options.language]) {
    throw new UsageError(`${where}.language: must be python or node (javascript), got "${String(options.language)}"`);
  }
  if (options.timeoutMs !== undefined && !(Number.isInteger(options.timeoutMs) && options.timeoutMs > 0)) {
    throw new UsageError(`${where}.timeoutMs: must be a positive integer (milliseconds)`);
  }
  const defaultLanguage = options.language ? LANGUAGES[options.language]! : "python";
  return {
    name: "code-tests",
    async score({ task, answer, signal }) {
      const expected = codeTestsExpected(task);
      const language = (expected.language && LANGUAGES[expected.language]) || defaultLanguage;
      const program = buildProgram(language, expected, extractCode(answer, language));
      const result = await runInSandbox({
        language,
        files: { [language === "python" ? "main.py" : "main.js"]: program },
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.sandbox ? { mode: options.sandbox } : {}),
        ...(signal ? { signal } : {}),
      });
      const pass = result.exitCode === 0 && !result.timedOut && !result.outputTruncated && !result.aborted;
      return { value: pass ? 1 : 0, pass, explanation: pass ? "tests passed" : explainFailure(result) };
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
    `task ${task.id}: expected must be the tests (a string) or { tests, setup?, language? } for the code-tests scorer`,
  );
}

export function buildProgram(language: SandboxLanguage, expected: CodeTestsExpected, code: string): string {
  const setup = expected.setup ?? "";
  // JavaScript tests go in a block so their `const assert = …` cannot clash with the answer's.
  const tests = language === "node" ? `;{\n${expected.tests}\n}\n` : expected.tests;
  return `${setup}${code}\n${tests}\n`;
}

function explainFailure(result: SandboxResult): string {
  if (result.aborted) return "aborted";
  if (result.timedOut)
    return `timed out (killed after the time limit)${tail(result.stderr) ? `: ${tail(result.stderr)}` : ""}`;
  if (result.outputTruncated) return "output limit exceeded (killed)";
  const detail = tail(result.stderr) || tail(result.stdout) || "no output";
  return `exit ${result.exitCode ?? result.signal}: ${detail}`;
}

/**
 * The informative part of an error report, trimmed: for a Python traceback the last frame and
 * the error; for a Node error the message and its first stack frame.
 */
function tail(text: string): string {
  const lines = text
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== "" && !/^\s*[\^~]+$/.test(line));
  const nodeError = lines.findIndex(
    (line) => /^\w*Error\b.*(\[ERR_\w+\])?:|^\w*Error$/.test(line) && !line.startsWith("Traceback"),
  );
  const isNode = lines.some((line) => /^\s+at .*\.js:\d+/.test(line));
  let picked: string[];
  if (isNode && nodeError !== -1) {
    const frame = lines.findIndex((line, index) => index > nodeError && /^\s+at /.test(line));
    picked = lines.slice(nodeError, frame === -1 ? lines.length : frame + 1);
  } else {
    picked = lines.slice(-3);
  }
  const joined = picked.map((line) => line.trim()).join(" | ");
  return joined.length <= EXPLANATION_LENGTH ? joined : `${joined.slice(0, EXPLANATION_LENGTH - 1)}…`;
}
