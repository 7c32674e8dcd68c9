import { ProviderError, UsageError } from "../src/errors.js";
import { acquireGateway } from "../src/gateway/shared-gateway.js";
import { HarnessLimitError } from "../src/harness-kit/harness-limit-error.js";
import { scratchFileTools } from "../src/tools/scratch-file-tools.js";
import type { Harness, HarnessContext, HarnessResult } from "../src/types.js";
import { mergeToolBoxes } from "./agent/merge-tool-boxes.js";
import { checkHarnessEnv, childEnvironment } from "./external-process/child-environment.js";
import { resolveCommand } from "./external-process/resolve-command.js";

export interface ExternalHarnessOptions {
  /** What results carry, e.g. `py-agent` (or the `exec:` reference). */
  name: string;
  /** The program and its arguments; run without a shell. */
  command: string[];
  /** The harness's own environment variables (no provider credentials). */
  env?: Record<string, string>;
  /** The config's folder: relative programs resolve from it, and the command runs in it. */
  baseDir: string;
  description?: string;
  /** The environment the allow-list draws PATH, HOME, LANG … from. Default: process.env. */
  parentEnv?: NodeJS.ProcessEnv;
  /** Also serve write_file / read_file / list_files on the sample's scratch directory over MCP. */
  scratchTools?: boolean;
  /** Pass the task's metadata on stdin (off: suites keep answer-bearing data there). */
  taskMetadata?: boolean;
  /** Between SIGTERM and SIGKILL when the wall-time limit ends the sample. Default 2000 ms. */
  killGraceMs?: number;
}

const STDERR_IN_MESSAGE = 2_000;

function tail(text: string, characters: number): string {
  const trimmed = text.trimEnd();
  return trimmed.length > characters ? `…${trimmed.slice(trimmed.length - characters)}` : trimmed;
}

/**
 * A harness that is a command in any language. Per sample it opens a session on the shared
 * gateway (the sample's traced, limited model and tools behind a token), starts the command
 * with the task on stdin and the gateway in its environment, and turns its exit into a result:
 * the answer rule on stdout, a limit met at the gateway as that stop reason, a provider fault
 * as a provider error, a non-zero exit as a harness error carrying the stderr tail.
 */
export function createExternalHarness(options: ExternalHarnessOptions): Harness {
  const label = options.name;
  if (options.command.length === 0 || !options.command[0])
    throw new UsageError(`harness "${label}": command must name a program`);
  const harnessEnv = options.env ?? {};
  const problems = checkHarnessEnv(harnessEnv);
  if (problems.length) throw new UsageError(`harness "${label}": env: ${problems.join("; ")}`);
  const parentEnv = options.parentEnv ?? process.env;
  const program = resolveCommand(options.command[0], { baseDir: options.baseDir, path: parentEnv.PATH, label });
  const command = [program, ...options.command.slice(1)];

  return {
    name: label,
    description: options.description ?? `External command: ${options.command.join(" ")}`,
    async run(context: HarnessContext): Promise<HarnessResult> {
      // The process runner loads with the first external sample, not at start-up.
      const [{ runExternalProcess }, { parseHarnessOutput }, { taskInput }] = await Promise.all([
        import("./external-process/run-external-process.js"),
        import("./external-process/parse-harness-output.js"),
        import("./external-process/task-input.js"),
      ]);
      const lease = await acquireGateway();
      const tools = options.scratchTools
        ? mergeToolBoxes(context.tools, context.toolBox(scratchFileTools(context.scratchDir)))
        : context.tools;
      const handle = lease.gateway.openSession(context, tools);
      try {
        const env = childEnvironment({
          parentEnv,
          harnessEnv,
          gateway: {
            OPENAI_BASE_URL: handle.openaiBaseURL,
            OPENAI_API_BASE: handle.openaiBaseURL,
            OPENAI_API_KEY: handle.token,
            ANTHROPIC_BASE_URL: handle.anthropicBaseURL,
            ANTHROPIC_API_KEY: handle.token,
            CAPBENCH_MODEL: context.model.id,
            CAPBENCH_MCP_URL: handle.mcpURL,
            CAPBENCH_SCRATCH_DIR: context.scratchDir,
            CAPBENCH_TASK_ID: context.task.id,
          },
        });
        const outcome = await runExternalProcess({
          command,
          cwd: options.baseDir,
          env,
          input: JSON.stringify(taskInput(context, { metadata: options.taskMetadata ?? false })),
          signal: context.signal,
          ...(options.killGraceMs !== undefined ? { killGraceMs: options.killGraceMs } : {}),
        });
        // The child may print its token; it is dead now, but it has no place in a results file.
        const stderrTail = tail(outcome.stderrTail, STDERR_IN_MESSAGE).split(handle.token).join("[token]");
        const exitText = outcome.signal ? `signal ${outcome.signal}` : `code ${outcome.code}`;
        context.note(`external harness exited (${exitText})`, {
          exitCode: outcome.code,
          ...(outcome.signal ? { signal: outcome.signal } : {}),
          durationMs: Math.round(outcome.durationMs),
          modelCalls: handle.session.wireCalls,
          ...(stderrTail ? { stderrTail } : {}),
        });

        const failure = handle.session.failure;
        if (failure instanceof ProviderError) throw failure;
        if (context.signal.aborted)
          throw context.signal.reason instanceof Error
            ? context.signal.reason
            : new HarnessLimitError("timeout", "sample wall-time limit reached");
        const exitedCleanly = outcome.code === 0 && outcome.signal === null;
        const output = exitedCleanly ? parseHarnessOutput(outcome.stdout) : null;
        // A limit met at the gateway decides the stop reason, whatever the child did next.
        if (failure instanceof HarnessLimitError)
          return { answer: output?.answer ?? "", stopReason: failure.stopReason };
        if (failure) throw failure;
        if (!output)
          throw new Error(`${label} exited with ${exitText}${stderrTail ? `; stderr: ${stderrTail}` : " (no stderr)"}`);
        if (!output.found) context.note("external harness printed no answer on stdout");
        return {
          answer: output.answer,
          stopReason: output.stopReason ?? (output.found ? "answered" : "parse_error"),
          ...(output.toolCalls ? { toolCalls: output.toolCalls } : {}),
        };
      } finally {
        handle.close();
        lease.release();
      }
    },
  };
}
