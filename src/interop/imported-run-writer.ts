import { statSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import { RunStore, SAMPLES_FILE, type RunInfo } from "../store/run-store.js";
import type { SampleRecord, TraceEvent } from "../types.js";

// The one place the importers touch the results-directory store (src/store/ owns the files):
// open and lock, refuse a directory that already holds samples, write run.json, append samples
// with their traces, close. Keep it this small so a change of the store's API lands here only.

export interface ImportedRunWriter {
  readonly dir: string;
  writeInfo(info: RunInfo): void;
  append(record: SampleRecord, trace: TraceEvent[] | null): void;
  close(): void;
}

export function openImportedRun(dir: string, display: string): ImportedRunWriter {
  const store = RunStore.open(dir);
  try {
    if (statSync(path.join(dir, SAMPLES_FILE)).size > 0)
      throw new UsageError(`${display}: already holds samples; choose another --out`);
  } catch (error) {
    store.close();
    throw error;
  }
  return {
    dir,
    writeInfo: (info) => store.writeInfo(info),
    append: (record, trace) => store.appendSample(record, trace),
    close: () => store.close(),
  };
}
