import { existsSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../errors.js";
import { readSamples as readSampleLines, type ReadSamplesStats } from "../store/read-samples.js";
import type { SampleRecord } from "../types.js";

export type { ReadSamplesStats };

/**
 * Streams the sample records of `<runDir>/samples.jsonl` for the analysis: the file must exist,
 * and lines that are not sample records are skipped and counted.
 */
export async function* readSamples(
  runDir: string,
  stats: ReadSamplesStats = { skippedLines: 0 },
): AsyncGenerator<SampleRecord> {
  const path = join(runDir, "samples.jsonl");
  if (!existsSync(path)) throw new UsageError(`${path}: not found (is ${runDir} a capbench results directory?)`);
  for await (const record of readSampleLines(path, stats)) {
    if (isSampleRecord(record)) yield record;
    else stats.skippedLines++;
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
