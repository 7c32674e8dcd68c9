import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { UsageError } from "../errors.js";
import { bwrapArguments } from "./bwrap-arguments.js";
import { checkSandbox, wrapForUid } from "./check-sandbox.js";
import { firstInputFd, runLimitedProcess } from "./run-limited-process.js";
import { defaultSandboxMode, sandboxQueue } from "./sandbox-settings.js";
import { LANGUAGE_ENTRY, SANDBOX_DEFAULTS, type SandboxRequest, type SandboxResult } from "./sandbox-types.js";

const UNSAFE_PATH = "/usr/local/bin:/usr/bin:/bin";

/**
 * Runs untrusted code: under bubblewrap by default (see bwrap-arguments.ts for the isolation),
 * or with no isolation in `unsafe-none` mode, where only the time and output limits hold.
 * Never throws for anything the program does; throws UsageError when the sandbox is unusable.
 */
export async function runInSandbox(request: SandboxRequest): Promise<SandboxResult> {
  const mode = request.mode ?? defaultSandboxMode();
  for (const file of Object.keys(request.files)) validateFileName(file);
  const check = await checkSandbox(mode);
  const command = request.command ?? LANGUAGE_ENTRY[request.language].command;
  const limits = {
    timeoutMs: request.timeoutMs ?? SANDBOX_DEFAULTS.timeoutMs,
    maxOutputBytes: request.maxOutputBytes ?? SANDBOX_DEFAULTS.maxOutputBytes,
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.stdin !== undefined ? { stdin: request.stdin } : {}),
    ...(request.channelInput !== undefined ? { channelInput: request.channelInput } : {}),
  };
  const result = await sandboxQueue().add(async () => {
    if (request.signal?.aborted) return null;
    if (check.features) {
      const files = Object.keys(request.files);
      const argv = wrapForUid(check.features, [
        "bwrap",
        ...bwrapArguments({
          files,
          firstFileFd: firstInputFd(request.channelInput !== undefined),
          command,
          memoryBytes: request.memoryBytes ?? SANDBOX_DEFAULTS.memoryBytes,
          maxProcesses: request.maxProcesses ?? SANDBOX_DEFAULTS.maxProcesses,
          features: check.features,
        }),
      ]);
      return runLimitedProcess({
        command: argv[0]!,
        args: argv.slice(1),
        env: { PATH: UNSAFE_PATH },
        extraInputs: files.map((file) => request.files[file]!),
        ...limits,
      });
    }
    const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "capbench-unsafe-"));
    try {
      for (const [file, content] of Object.entries(request.files)) {
        await fs.mkdir(path.dirname(path.join(workDir, file)), { recursive: true });
        await fs.writeFile(path.join(workDir, file), content);
      }
      return await runLimitedProcess({
        command: command[0]!,
        args: command.slice(1),
        cwd: workDir,
        env: { PATH: UNSAFE_PATH, HOME: workDir, LANG: "C.UTF-8", PYTHONDONTWRITEBYTECODE: "1" },
        ...limits,
      });
    } finally {
      await fs.rm(workDir, { recursive: true, force: true });
    }
  });
  if (!result) {
    return {
      exitCode: null,
      signal: null,
      stdout: "",
      stderr: "",
      timedOut: false,
      outputTruncated: false,
      aborted: true,
      durationMs: 0,
      mode,
    };
  }
  return { ...result, mode };
}

function validateFileName(file: string): void {
  const normalized = path.posix.normalize(file);
  if (file === "" || path.posix.isAbsolute(file) || normalized.startsWith("..") || normalized !== file) {
    throw new UsageError(`sandbox: file name "${file}" must be a plain relative path inside the work directory`);
  }
}
