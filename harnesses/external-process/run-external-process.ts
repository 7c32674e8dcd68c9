import { spawn } from "node:child_process";

export interface ExternalProcessResult {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** The last few KiB of stderr. */
  stderrTail: string;
  durationMs: number;
}

const STDOUT_LIMIT = 1 << 20;
const STDERR_TAIL = 16 * 1024;

/** Appends `chunk` to `kept`, keeping only the last `limit` characters. */
function keepTail(kept: string, chunk: string, limit: number): string {
  const joined = kept + chunk;
  return joined.length > limit ? joined.slice(joined.length - limit) : joined;
}

/** Signals the whole process group (the child and anything it started); a gone group is fine. */
function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Runs a command without a shell in its own process group, `input` on stdin. When `signal`
 * aborts (the sample's wall-time limit, Ctrl-C) the group gets SIGTERM, then SIGKILL after
 * `killGraceMs`. After the child exits, whatever it left running in its group is killed too.
 */
export function runExternalProcess(options: {
  command: string[];
  cwd: string;
  env: Record<string, string>;
  input: string;
  signal: AbortSignal;
  killGraceMs?: number;
}): Promise<ExternalProcessResult> {
  const started = performance.now();
  const [program, ...args] = options.command;
  return new Promise((resolve, reject) => {
    const child = spawn(program!, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
      shell: false,
    });
    let stdout = "";
    let stderrTail = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout = keepTail(stdout, chunk, STDOUT_LIMIT)));
    child.stderr
      .setEncoding("utf8")
      .on("data", (chunk: string) => (stderrTail = keepTail(stderrTail, chunk, STDERR_TAIL)));
    // A child that does not read its stdin closes the pipe: not an error.
    child.stdin.on("error", () => {});
    child.stdin.end(options.input);

    let killTimer: NodeJS.Timeout | null = null;
    const onAbort = () => {
      killGroup(child.pid, "SIGTERM");
      killTimer = setTimeout(() => killGroup(child.pid, "SIGKILL"), options.killGraceMs ?? 2_000);
    };
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener("abort", onAbort, { once: true });

    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      if (killTimer) clearTimeout(killTimer);
      options.signal.removeEventListener("abort", onAbort);
      resolve({ ...exit!, stdout, stderrTail, durationMs: performance.now() - started });
    };
    child.on("error", (error) => {
      options.signal.removeEventListener("abort", onAbort);
      if (killTimer) clearTimeout(killTimer);
      reject(new Error(`could not start ${program}: ${error.message}`));
    });
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      killGroup(child.pid, "SIGKILL");
      // Output still in the pipes arrives before "close"; a grandchild that escaped the group
      // and holds the pipes open must not hold the sample, so wait a bounded time.
      const bound = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish();
      }, 1_000);
      child.once("close", () => {
        clearTimeout(bound);
        finish();
      });
    });
  });
}
