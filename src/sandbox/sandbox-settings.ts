import os from "node:os";
import PQueue from "p-queue";
import type { SandboxMode } from "./sandbox-types.js";

/**
 * Process-wide sandbox settings: the mode used when a request names none, and one queue that
 * caps how many sandboxed programs run at once (default: one per core), whatever the number
 * of concurrent samples.
 */
const settings = { mode: "bwrap" as SandboxMode, queue: new PQueue({ concurrency: os.availableParallelism() }) };

export function configureSandbox(options: { mode?: SandboxMode; concurrency?: number }): void {
  if (options.mode) settings.mode = options.mode;
  if (options.concurrency !== undefined) settings.queue.concurrency = Math.max(1, options.concurrency);
}

export function defaultSandboxMode(): SandboxMode {
  return settings.mode;
}

export function sandboxQueue(): PQueue {
  return settings.queue;
}
