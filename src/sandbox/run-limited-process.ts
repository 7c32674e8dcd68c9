import { spawn } from "node:child_process";
import type { Writable } from "node:stream";

export interface LimitedProcessOptions {
  command: string;
  args: string[];
  cwd?: string;
  env: Record<string, string>;
  stdin?: string;
  /** Written to file descriptors 3, 4, … in order and closed (bwrap's `--file FD`). */
  extraInputs?: string[];
  timeoutMs: number;
  maxOutputBytes: number;
  signal?: AbortSignal;
}

export interface LimitedProcessResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  outputTruncated: boolean;
  aborted: boolean;
  durationMs: number;
}

/**
 * Runs a process in its own process group and kills the whole group on timeout, on output
 * overflow or on abort. Output past the limit is dropped (stdout and stderr share the budget).
 */
export function runLimitedProcess(options: LimitedProcessOptions): Promise<LimitedProcessResult> {
  const started = performance.now();
  const extraInputs = options.extraInputs ?? [];
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ["pipe", "pipe", "pipe", ...extraInputs.map(() => "pipe" as const)],
    });
    const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    let kept = 0;
    let timedOut = false;
    let outputTruncated = false;
    let aborted = false;
    let settled = false;

    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      killGroup();
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });

    const collect = (stream: "stdout" | "stderr") => (data: Buffer) => {
      const room = options.maxOutputBytes - kept;
      if (data.length > room) {
        if (room > 0) chunks[stream].push(data.subarray(0, room));
        kept = options.maxOutputBytes;
        if (!outputTruncated) {
          outputTruncated = true;
          killGroup();
        }
        return;
      }
      chunks[stream].push(data);
      kept += data.length;
    };
    child.stdout!.on("data", collect("stdout"));
    child.stderr!.on("data", collect("stderr"));

    const feed = (stream: Writable | null | undefined, text: string | undefined) => {
      if (!stream) return;
      stream.on("error", () => {}); // The program may exit without reading its input.
      stream.end(text ?? "");
    };
    feed(child.stdin, options.stdin);
    extraInputs.forEach((text, index) => feed(child.stdio[3 + index] as Writable | null, text));

    child.on("error", (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      reject(error);
    });
    // Descendants that outlive the leader (possible in unsafe mode) would hold the pipes open.
    child.on("exit", killGroup);
    child.on("close", (exitCode, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(chunks.stdout).toString("utf8"),
        stderr: Buffer.concat(chunks.stderr).toString("utf8"),
        timedOut,
        outputTruncated,
        aborted,
        durationMs: Math.round(performance.now() - started),
      });
    });
  });
}
