import { mkdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Creates a directory and its missing parents, one level at a time. Node's own
 * `mkdirSync(dir, { recursive: true })` never returns for some special paths (`/proc/x` spins at
 * 100% CPU), so each missing level is created on its own and the first failure is thrown.
 */
export function ensureDirectory(dir: string): void {
  const target = path.resolve(dir);
  const missing: string[] = [];
  for (let current = target; ; current = path.dirname(current)) {
    let stats;
    try {
      stats = statSync(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      if (path.dirname(current) === current) throw error;
      missing.push(current);
      continue;
    }
    if (!stats.isDirectory()) {
      throw Object.assign(new Error(`${current}: not a directory`), { code: "ENOTDIR" });
    }
    break;
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}
