import { randomBytes } from "node:crypto";
import {
  defaultSandboxMode,
  runInSandbox,
  type SandboxLanguage,
  type SandboxMode,
  type SandboxResult,
} from "../src/sandbox/index.js";
import { explainOutput } from "./explain-output.js";
import { judgeFiles } from "./judge-files.js";

/**
 * `plain-data`: the tests may only compare, print or test values of the code under test that are
 * plain data (Python: int, float, complex, str, bytes, bool, None, list, tuple, dict, set;
 * JavaScript: primitives, arrays, plain objects, Map, Set); other values can be passed back,
 * called, and (Python) have attributes read or set. `any`: other values are proxies whose
 * operations the code under test performs, so it decides their outcome (Python: an `__eq__` that
 * always returns True passes).
 */
export type CodeValues = "plain-data" | "any";

export interface CodeVerification {
  language: SandboxLanguage;
  /** Task code run before `code` (HumanEval: the prompt). With `entryPoint`, the tests also see the setup's own definitions. */
  setup?: string;
  code: string;
  tests: string;
  /** The name under test: taken from the code even where the setup or a builtin defines it. */
  entryPoint?: string;
  values: CodeValues;
  timeoutMs?: number;
  sandbox?: SandboxMode;
  signal?: AbortSignal;
}

export interface CodeVerdict {
  pass: boolean;
  explanation: string;
}

export const INCOMPLETE = "the tests did not run to completion";

/**
 * Runs the tests against the code in the sandbox and passes it only on positive evidence: the
 * judge (the program that runs the tests) writes `PASS <token>` to a private channel after the
 * last test returned, where the token is a fresh random value the judge reads from that channel
 * only then. The code under test never shares the judge's process (Python: a forked child the
 * judge cannot be read from; JavaScript: a separate V8 realm handed only strings), so it cannot
 * end the run early, rewrite its status, patch the tests' assert, or reach the channel. Any other
 * ending is a fail. Throws the signal's reason when the signal aborted the run, and an Error
 * when the verifier cannot start here (no verdict either way).
 */
export async function verifyCode(request: CodeVerification): Promise<CodeVerdict> {
  const mode = request.sandbox ?? defaultSandboxMode();
  const judge = await judgeFiles(request.language, mode);
  const token = randomBytes(16).toString("hex");
  const spec = JSON.stringify({
    tests: request.tests,
    ...(request.entryPoint ? { entryPoint: request.entryPoint } : {}),
  });
  const setup = request.setup ?? "";
  const protection = mode === "unsafe-none" ? "best-effort" : "required";
  const result = await runInSandbox({
    language: request.language,
    // The judge reads the setup before any of the code runs; the tests come later, on the channel.
    files: {
      ...judge.files,
      [judge.solution]: `${setup}${request.code}\n`,
      ...(setup ? { [judge.setup]: setup } : {}),
    },
    command: [...judge.command, request.values, ...(request.language === "python" ? [protection] : [])],
    channelInput: `${Buffer.byteLength(spec)}\n${spec}${token}\n`,
    ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
    mode,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  if (result.aborted) {
    request.signal?.throwIfAborted();
    throw new DOMException("the code verification was aborted", "AbortError");
  }
  return readVerdict(result, token);
}

function readVerdict(result: SandboxResult, token: string): CodeVerdict {
  // The judge writes one line, once; anything more on the channel did not come from it alone.
  const lines = (result.channelOutput ?? "").split("\n").filter((text) => text !== "");
  const line = lines.length === 1 ? lines[0]! : "";
  if (lines.length > 1)
    return { pass: false, explanation: `${INCOMPLETE}: the channel carried ${lines.length} verdicts` };
  if (line === `PASS ${token}`) return { pass: true, explanation: "tests passed" };
  // Only the judge writes here, and only before the code under test has run: the verifier itself could not work.
  if (line.startsWith("ERROR ")) throw new Error(`code verifier: ${String(JSON.parse(line.slice(6)))}`);
  if (line.startsWith("FAIL ")) {
    try {
      const explanation: unknown = JSON.parse(line.slice(5));
      if (typeof explanation === "string") return { pass: false, explanation };
    } catch {
      // Fall through: a malformed verdict is no verdict.
    }
  }
  if (result.timedOut) {
    const detail = explainOutput(result.stderr);
    return { pass: false, explanation: `timed out (killed after the time limit)${detail ? `: ${detail}` : ""}` };
  }
  if (result.outputTruncated) return { pass: false, explanation: "output limit exceeded (killed)" };
  const ending = result.signal ? `was killed by ${result.signal}` : `exited with status ${result.exitCode}`;
  const detail = line.startsWith("PASS ")
    ? "; its verdict did not carry this run's token"
    : explainOutput(result.stderr)
      ? `: ${explainOutput(result.stderr)}`
      : "";
  return { pass: false, explanation: `${INCOMPLETE}: the test process ${ending} without a verdict${detail}` };
}
