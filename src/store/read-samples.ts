import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { UsageError } from "../errors.js";
import type { SampleRecord } from "../types.js";

export interface ReadSamplesStats {
  /** Lines that were not a usable sample record (blank lines excluded). */
  skippedLines: number;
}

/**
 * Streams samples.jsonl one record at a time (nothing when the file does not exist yet). A torn
 * last line (a crash mid-write) is skipped and counted; any other malformed line is an input
 * error naming the line.
 */
export async function* readSamples(
  file: string,
  stats: ReadSamplesStats = { skippedLines: 0 },
): AsyncGenerator<SampleRecord> {
  if (!existsSync(file)) return;
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let lineNumber = 0;
  let pendingError: string | null = null;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === "") continue;
    if (pendingError) throw new UsageError(pendingError);
    try {
      yield JSON.parse(line) as SampleRecord;
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      // Only an error if another line follows: the last line may be a torn append.
      pendingError = `${file}:${lineNumber}: not valid JSON`;
      stats.skippedLines++;
    }
  }
}
