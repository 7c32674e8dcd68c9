import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { UsageError } from "../errors.js";
import type { SampleRecord } from "../types.js";
import { SAMPLES_FILE } from "./layout.js";
import { SampleIdentitySet } from "./sample-identity-set.js";

export interface SampleReadStats {
  /** Lines that were not a usable sample record (blank lines excluded; a torn last line included). */
  skippedLines: number;
  /** Lines repeating a sample read before (older versions could write one twice): dropped. */
  duplicates: number;
}

export interface ReadSamplesOptions {
  /** Filled while reading. */
  stats?: SampleReadStats;
  /** A missing samples.jsonl: no samples (default), or a UsageError. */
  whenMissing?: "empty" | "error";
  /** Drop later copies of a sample, counting them (default true). */
  dedupe?: boolean;
}

export function emptyReadStats(): SampleReadStats {
  return { skippedLines: 0, duplicates: 0 };
}

/**
 * The one reader of samples.jsonl: streams the records of a results directory (or of the
 * samples.jsonl file named) one at a time.
 * A torn last line (a crash mid-write) is skipped and counted; a malformed line anywhere else is
 * a UsageError naming the file and line; lines that are JSON but not sample records are skipped
 * and counted. Duplicates are dropped (the first copy is kept) and counted. Memory follows
 * cells × tasks, not samples.
 */
export async function* readSamples(runDir: string, options: ReadSamplesOptions = {}): AsyncGenerator<SampleRecord> {
  const stats = options.stats ?? emptyReadStats();
  const file = runDir.endsWith(".jsonl") ? runDir : path.join(runDir, SAMPLES_FILE);
  if (!existsSync(file)) {
    if (options.whenMissing === "error")
      throw new UsageError(`${file}: not found (is ${runDir} a capbench results directory?)`);
    return;
  }
  const seen = options.dedupe === false ? null : new SampleIdentitySet();
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let lineNumber = 0;
  let pendingError: string | null = null;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === "") continue;
    if (pendingError) throw new UsageError(pendingError);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      // Only an error if another line follows: the last line may be a torn append.
      pendingError = `${file}:${lineNumber}: not valid JSON`;
      stats.skippedLines++;
      continue;
    }
    if (!isSampleRecord(value)) {
      stats.skippedLines++;
      continue;
    }
    if (seen && !seen.add(value)) {
      stats.duplicates++;
      continue;
    }
    yield value;
  }
}

function isSampleRecord(value: unknown): value is SampleRecord {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.suite === "string" &&
    typeof record.taskId === "string" &&
    typeof record.harness === "string" &&
    typeof record.model === "string" &&
    typeof record.tier === "string" &&
    typeof record.epoch === "number"
  );
}
