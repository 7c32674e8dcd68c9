import type { LimitedProcessResult } from "./run-limited-process.js";
/** `bwrap`: bubblewrap isolation. `unsafe-none`: no isolation, only time and output limits. */
export type SandboxMode = "bwrap" | "unsafe-none";

export type SandboxLanguage = "python" | "node";

export interface SandboxRequest {
  language: SandboxLanguage;
  /** Files written into the fresh work directory, by relative path. */
  files: Record<string, string>;
  /** argv run in the work directory. Default: `python3 main.py` or `node main.js`. */
  command?: string[];
  stdin?: string;
  /** Wall time; on expiry the whole process tree is killed. Default 10 s. */
  timeoutMs?: number;
  /** stdout + stderr bytes kept; past this the output is truncated and the process killed. Default 1 MiB. */
  maxOutputBytes?: number;
  /** Address-space limit per process. Default 1 GiB. */
  memoryBytes?: number;
  /** Process limit inside the sandbox. Default 64. */
  maxProcesses?: number;
  /**
   * Opens a private channel: the program reads this text on fd 3 and may reply on fd 4 (the
   * reply comes back as `channelOutput`). The channel is no file: code the program runs can only
   * reach it through those fds, which the program can close before running untrusted code.
   */
  channelInput?: string;
  /** Default: the mode set with `configureSandbox`, else `bwrap`. */
  mode?: SandboxMode;
  signal?: AbortSignal;
}

/** What the program did (exit code null when a signal killed it; aborted when the caller's signal did), and where it ran. */
export interface SandboxResult extends LimitedProcessResult {
  mode: SandboxMode;
}

export const SANDBOX_DEFAULTS = {
  timeoutMs: 10_000,
  maxOutputBytes: 1024 * 1024,
  memoryBytes: 1024 * 1024 * 1024,
  maxProcesses: 64,
  /** Size of the work directory and of /tmp (tmpfs) inside the sandbox. */
  workDirBytes: 64 * 1024 * 1024,
} as const;

/** Default entry file and command per language. */
export const LANGUAGE_ENTRY: Record<SandboxLanguage, { file: string; command: string[] }> = {
  python: { file: "main.py", command: ["python3", "main.py"] },
  node: { file: "main.js", command: ["node", "main.js"] },
};
