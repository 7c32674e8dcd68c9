import { spawn } from "node:child_process";
import type { Readable, Writable } from "node:stream";

/** File descriptors of the private channel in the program: it reads CHANNEL_IN_FD, writes CHANNEL_OUT_FD. */
export const CHANNEL_IN_FD = 3;
export const CHANNEL_OUT_FD = 4;
/** Bytes kept from the channel's reply; past this the reply is cut (a verdict is a short line). */
const CHANNEL_OUTPUT_BYTES = 64 * 1024;

export interface LimitedProcessOptions {
  command: string;
  args: string[];
  cwd?: string;
  env: Record<string, string>;
  stdin?: string;
  /**
   * A private channel: written to fd 3 and closed; whatever the program writes to fd 4 comes back
   * as `channelOutput`. Neither end is a file, so nothing in the work directory reveals it.
   */
  channelInput?: string;
  /** Written to the file descriptors after the channel's (3, 4, … without one; 5, 6, … with one) in order and closed (bwrap's `--file FD`). */
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
  /** What the program wrote to the channel (fd 4); set when a channel was opened. */
  channelOutput?: string;
}

/** The fd of the first extra input: after the channel's two when there is one. */
export function firstInputFd(withChannel: boolean): number {
  return withChannel ? CHANNEL_OUT_FD + 1 : CHANNEL_IN_FD;
}

/**
 * Runs a process in its own process group and kills the whole group on timeout, on output
 * overflow or on abort. Output past the limit is dropped (stdout and stderr share the budget).
 */
export function runLimitedProcess(options: LimitedProcessOptions): Promise<LimitedProcessResult> {
  const started = performance.now();
  const extraInputs = options.extraInputs ?? [];
  const withChannel = options.channelInput !== undefined;
  const inputFd = firstInputFd(withChannel);
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: [
        "pipe",
        "pipe",
        "pipe",
        ...Array.from({ length: (withChannel ? 2 : 0) + extraInputs.length }, () => "pipe" as const),
      ],
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
    extraInputs.forEach((text, index) => feed(child.stdio[inputFd + index] as Writable | null, text));
    const channelChunks: Buffer[] = [];
    let channelKept = 0;
    if (withChannel) {
      feed(child.stdio[CHANNEL_IN_FD] as Writable | null, options.channelInput);
      const reply = child.stdio[CHANNEL_OUT_FD] as Readable | null;
      reply?.on("error", () => {});
      reply?.on("data", (data: Buffer) => {
        const room = CHANNEL_OUTPUT_BYTES - channelKept;
        if (room <= 0) return;
        channelChunks.push(data.subarray(0, room));
        channelKept += Math.min(room, data.length);
      });
    }

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
        ...(withChannel ? { channelOutput: Buffer.concat(channelChunks).toString("utf8") } : {}),
      });
    });
  });
}
