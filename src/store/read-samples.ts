import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import type { SampleRecord } from "../types.js";

/**
 * Streams samples.jsonl one record at a time. A torn last line (a crash mid-write) is skipped;
 * any other malformed line is an error naming the line.
 */
export async function* readSamples(file: string): AsyncGenerator<SampleRecord> {
  if (!existsSync(file)) return;
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let pending: { line: string; number: number } | null = null;
  let number = 0;
  for await (const line of lines) {
    number++;
    if (pending) {
      yield parse(pending.line, pending.number, file);
      pending = null;
    }
    if (line.trim() !== "") pending = { line, number };
  }
  if (pending) {
    try {
      yield JSON.parse(pending.line) as SampleRecord;
    } catch {
      // torn final line from an interrupted write: the sample is redone on resume
    }
  }
}

function parse(line: string, number: number, file: string): SampleRecord {
  try {
    return JSON.parse(line) as SampleRecord;
  } catch (error) {
    throw new Error(`${file}: line ${number}: not valid JSON (${(error as Error).message})`);
  }
}
