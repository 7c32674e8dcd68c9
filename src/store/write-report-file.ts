import path from "node:path";
import type { ReportFile } from "./layout.js";
import { writeFileAtomic } from "./write-file-atomic.js";
import { resultsWriteError } from "./write-error.js";

/**
 * Replaces one report of a results directory atomically. A failure (read-only directory, full
 * disk) is a UsageError; the samples and the previous report stay as they were.
 */
export function writeReportFile(dir: string, name: ReportFile, content: string): void {
  try {
    writeFileAtomic(path.join(dir, name), content);
  } catch (error) {
    throw resultsWriteError(dir, error, name);
  }
}
