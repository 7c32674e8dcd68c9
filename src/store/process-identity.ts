import { readFileSync } from "node:fs";
import os from "node:os";

/**
 * When a process started, in clock ticks since boot (Linux: field 22 of /proc/PID/stat), or
 * null where that cannot be read. With the pid it names one process: a pid reused by another
 * process later has another start time.
 */
export function processStartTime(pid: number): string | null {
  return procStat(pid)?.[19] ?? null;
}

/** Fields 3… of /proc/PID/stat (state first), or null where there is no /proc entry. */
function procStat(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: count after the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

export interface ProcessIdentity {
  pid: number;
  startTime: string | null;
  host: string;
}

let own: ProcessIdentity | null = null;

export function ownProcessIdentity(): ProcessIdentity {
  own ??= { pid: process.pid, startTime: processStartTime(process.pid), host: os.hostname() };
  return own;
}

/**
 * Whether the process that wrote an identity still runs. A process on another host cannot be
 * checked, so it counts as running; a pid that is alive but started at another time was reused.
 */
export function processIsAlive(identity: ProcessIdentity): boolean {
  if (identity.host !== os.hostname()) return true;
  if (!Number.isInteger(identity.pid) || identity.pid <= 0) return false;
  try {
    process.kill(identity.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const stat = procStat(identity.pid);
  if (!stat) return true;
  // A zombie has exited; it only waits for its parent to collect its status.
  if (stat[0] === "Z" || stat[0] === "X") return false;
  return identity.startTime === null || stat[19] === identity.startTime;
}
