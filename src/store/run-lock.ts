import path from "node:path";
import { UsageError } from "../errors.js";
import { LOCK_FILE } from "./layout.js";
import { acquireLockFile, LockHeldError } from "./lock-file.js";

/**
 * One writer per results directory: takes `DIR/.lock` (see lock-file.ts: atomic, and a dead
 * writer's lock is recovered without a race). While another process holds it: a UsageError
 * naming that process. Returns the release function.
 */
export function acquireRunLock(dir: string): () => void {
  try {
    return acquireLockFile(path.join(dir, LOCK_FILE));
  } catch (error) {
    if (!(error instanceof LockHeldError)) throw error;
    const pid = error.owner?.pid;
    if (pid === process.pid)
      throw new UsageError(`${dir}: this process already has this results directory open for writing`);
    throw new UsageError(
      `${dir}: another capbench process (pid ${pid ?? "unknown"}) is writing this results directory; wait for it or use another --out`,
    );
  }
}
