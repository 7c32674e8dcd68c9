import { readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { processIsAlive, ownProcessIdentity } from "../store/process-identity.js";

const PREFIX = "capbench-scratch-";
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

export interface ScratchRoot {
  /** Samples create their scratch directories under this path (created on first use). */
  readonly path: string;
  /** Removes the directory and stops watching for signals. */
  dispose(): void;
}

/**
 * Removes scratch roots left in the temporary directory by capbench processes that no longer
 * run (killed with SIGKILL, or a crash). The owner's pid is in the name.
 */
export function removeStaleScratchRoots(tmpdir = os.tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(tmpdir);
  } catch {
    return removed;
  }
  const host = ownProcessIdentity().host;
  for (const name of names) {
    const match = /^capbench-scratch-(\d+)-/.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || processIsAlive({ pid, startTime: null, host })) continue;
    rmSync(path.join(tmpdir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

// Roots of the runs in progress in this process, and the handlers that remove them on a kill
// (installed while there is at least one).
const active = new Set<string>();
let created = 0;
const handlers = new Map<string, () => void>();

function removeAll(): void {
  for (const root of active) rmSync(root, { recursive: true, force: true });
}

function watch(): void {
  if (handlers.size > 0) return;
  for (const signal of SIGNALS) {
    const handler = () => {
      if (process.listenerCount(signal) > 1) return; // someone else stops the process cleanly
      removeAll();
      unwatch();
      process.kill(process.pid, signal);
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  process.on("exit", removeAll);
}

function unwatch(): void {
  process.removeListener("exit", removeAll);
  for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  handlers.clear();
}

/**
 * The scratch root of one run, removed when the run ends, when the process exits (also through
 * process.exit), and when it is killed by SIGINT, SIGTERM or SIGHUP. On a signal nobody else
 * handles, the roots are removed and the signal re-raised so the process still dies of it; when
 * the process does handle the signal (the CLI stops cleanly on Ctrl-C), the run's own end
 * removes its root. Stale roots of dead processes are cleaned first.
 */
export function createScratchRoot(tmpdir = os.tmpdir()): ScratchRoot {
  removeStaleScratchRoots(tmpdir);
  const root = path.join(tmpdir, `${PREFIX}${process.pid}-${Date.now().toString(36)}-${created++}`);
  active.add(root);
  watch();
  return {
    path: root,
    dispose() {
      rmSync(root, { recursive: true, force: true });
      active.delete(root);
      if (active.size === 0) unwatch();
    },
  };
}
