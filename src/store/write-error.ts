import { UsageError } from "../errors.js";

/** Why a write failed, in words a user can act on. */
export function describeWriteCause(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "ENOSPC" || code === "EDQUOT") return "the disk is full";
  if (code === "EROFS") return "the file system is read-only";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOTDIR") return "a part of the path is not a directory";
  if (code === "ENOENT") return "the path cannot be created there";
  return (error as Error)?.message ?? String(error);
}

/**
 * A failed write to a results directory as a UsageError (exit 2): what could not be written,
 * why, and that what is already there stays.
 */
export function resultsWriteError(dir: string, error: unknown, what = "results"): UsageError {
  if (error instanceof UsageError) return error;
  const why = describeWriteCause(error);
  if (what === "results")
    return new UsageError(
      `${dir}: cannot write results (${why}); free space or choose another --out. Samples already written are kept.`,
    );
  return new UsageError(
    `${dir}: cannot write ${what} (${why}); the samples are kept: make room or make it writable, then run capbench report ${dir}`,
  );
}
