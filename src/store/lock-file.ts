import { randomUUID } from "node:crypto";
import { linkSync, openSync, closeSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { ownProcessIdentity, processIsAlive, type ProcessIdentity } from "./process-identity.js";

// An exclusive lock file, safe between processes, stale-lock recovery included.
//
// Taking: the owner record is written to a private temporary file, then hard-linked to the lock
// name. link() fails when the name exists, so exactly one process wins, and the lock file
// appears whole (a reader never sees it empty).
//
// Recovering a stale lock (its owner no longer runs) must not let two processes both remove
// "the stale lock" — the second could remove the first one's fresh lock. So removing lock N
// needs a claim, `LOCK.<N's nonce>.break`, itself taken as a lock by this same procedure: only
// one process claims N, re-reads the lock under the claim, and removes it only if it is still N.
// Everyone then competes again through link(). A claim whose owner died is stale in turn and
// recovered the same way, one level down.

export interface LockOwner extends ProcessIdentity {
  /** Unique per acquisition: tells this lock from any later one at the same path. */
  nonce: string;
}

/** The lock is held by a running process. */
export class LockHeldError extends Error {
  constructor(readonly owner: LockOwner | null) {
    super(owner ? `held by pid ${owner.pid}` : "held");
  }
}

const MAX_ATTEMPTS = 50;
const MAX_DEPTH = 4;
/** A legacy lock file without content is being written for this long at most. */
const EMPTY_GRACE_MS = 2_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

interface ReadLock {
  owner: LockOwner | null;
  /** Tells one lock file from another at the same path. */
  identity: string;
  /** True when the owner no longer runs. */
  stale: boolean;
}

function readLock(file: string): ReadLock | null {
  let text: string;
  let inode: number;
  let ageMs: number;
  try {
    const stats = statSync(file);
    inode = stats.ino;
    ageMs = Date.now() - stats.mtimeMs;
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    if (typeof owner.pid === "number" && typeof owner.nonce === "string")
      return { owner, identity: owner.nonce, stale: !processIsAlive(owner) };
  } catch {
    // an older version's lock: the pid alone
  }
  const pid = Number(text.trim());
  const identity = `legacy-${inode}`;
  if (text.trim() === "" || !Number.isInteger(pid) || pid <= 0)
    return { owner: null, identity, stale: ageMs > EMPTY_GRACE_MS };
  const owner: LockOwner = { pid, startTime: null, host: ownProcessIdentity().host, nonce: identity };
  return { owner, identity, stale: !processIsAlive(owner) };
}

/** Publishes `temporary` at `file` unless `file` exists; false when it exists. */
function publish(temporary: string, file: string, content: string): boolean {
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS" && code !== "EOPNOTSUPP") throw error;
  }
  // No hard links on this file system: an exclusive create, then the content.
  let fd: number;
  try {
    fd = openSync(file, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function removeIfStill(file: string, identity: string): void {
  const current = readLock(file);
  if (current && current.identity === identity) {
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}

/**
 * Takes the lock at `file` or throws LockHeldError naming the running owner. Returns the release
 * function (removes the lock only while it is still this acquisition's).
 */
export function acquireLockFile(file: string, depth = 0): () => void {
  if (depth > MAX_DEPTH) throw new Error(`${file}: too many stale lock claims; remove ${file}* by hand`);
  const owner: LockOwner = { ...ownProcessIdentity(), nonce: randomUUID() };
  const content = JSON.stringify(owner);
  const temporary = `${file}.${owner.nonce}.tmp`;
  writeFileSync(temporary, content, { flag: "wx" });
  try {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (publish(temporary, file, content)) return () => removeIfStill(file, owner.nonce);
      const holder = readLock(file);
      if (!holder) continue; // released meanwhile: try again
      if (!holder.stale) {
        if (holder.owner) throw new LockHeldError(holder.owner);
        sleep(20); // a legacy lock being written
        continue;
      }
      breakStaleLock(file, holder, depth);
    }
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // already gone
    }
  }
  throw new Error(`${file}: could not take the lock after ${MAX_ATTEMPTS} attempts`);
}

/** Removes the stale lock `holder`, unless another process is doing it or has done it already. */
function breakStaleLock(file: string, holder: ReadLock, depth: number): void {
  let releaseClaim: () => void;
  try {
    releaseClaim = acquireLockFile(`${file}.${holder.identity}.break`, depth + 1);
  } catch (error) {
    if (!(error instanceof LockHeldError)) throw error;
    sleep(5 + Math.random() * 10); // another process is removing it: look again shortly
    return;
  }
  try {
    removeIfStill(file, holder.identity);
  } finally {
    releaseClaim();
  }
}
