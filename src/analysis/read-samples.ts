import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { UsageError } from "../errors.js";
import type { SampleRecord } from "../types.js";

export interface ReadSamplesStats {
  /** Lines that were not a usable sample record (blank lines excluded). */
  skippedLines: number;
}

/**
 * Streams `<runDir>/samples.jsonl` one record at a time. A malformed last line (a crash while
 * appending) is skipped; a malformed line elsewhere is an input error naming the line.
 */
export async function* readSamples(runDir: string, stats: ReadSamplesStats = { skippedLines: 0 }): AsyncGenerator<SampleRecord> {
  const path = join(runDir, "samples.jsonl");
  try {
    await access(path);
  } catch {
    throw new UsageError(`${path}: not found (is ${runDir} a capbench results directory?)`);
  }
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  let lineNumber = 0;
  let pendingError: string | null = null;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === "") continue;
    if (pendingError) throw new UsageError(pendingError);
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      pendingError = `${path}:${lineNumber}: not valid JSON`;
      stats.skippedLines++;
      continue;
    }
    if (!isSampleRecord(record)) {
      stats.skippedLines++;
      continue;
    }
    yield record;
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
    typeof record.tier === "string"
  );
}
