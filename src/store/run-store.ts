import { closeSync, fstatSync, fsyncSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import type { SampleRecord, TraceEvent } from "../types.js";
import { cutTornTail } from "./cut-torn-tail.js";
import { ensureDirectory } from "./ensure-directory.js";
import { RUN_FILE, SAMPLES_FILE, TRACES_DIR } from "./layout.js";
import { readRunInfo } from "./read-run-info.js";
import { emptyReadStats, readSamples } from "./read-samples.js";
import { acquireRunLock } from "./run-lock.js";
import type { RunInfo } from "./run-info.js";
import { SampleIdentitySet } from "./sample-identity-set.js";
import { TraceWriter } from "./trace-file.js";
import { writeFileAtomic } from "./write-file-atomic.js";
import { resultsWriteError } from "./write-error.js";

export { RUN_FILE, SAMPLES_FILE };
export type { RunInfo };

/** What a results directory already holds, for --resume. */
export interface FinishedSamples {
  done: SampleIdentitySet;
  errors: number;
  /** Repeated lines left by older versions (ignored). */
  duplicates: number;
}

/**
 * The one writer of a results directory: run.json (atomic), samples.jsonl (append-only) and the
 * traces, under the directory lock. `create` refuses a directory that already holds a run;
 * `resume` continues one.
 */
export class RunStore {
  private samplesFd: number | null = null;
  private traces: TraceWriter | null = null;
  private releaseLock: (() => void) | null = null;
  /** run.json as it was when the lock was taken (null in a new directory). */
  previous: RunInfo | null = null;

  private constructor(readonly dir: string) {}

  /** Opens (creating when needed) and locks a results directory. */
  static open(dir: string, mode: "create" | "resume" = "create"): RunStore {
    try {
      ensureDirectory(path.join(dir, TRACES_DIR));
    } catch (error) {
      throw resultsWriteError(dir, error);
    }
    const store = new RunStore(dir);
    try {
      store.releaseLock = acquireRunLock(dir);
    } catch (error) {
      throw resultsWriteError(dir, error);
    }
    try {
      // Checked under the lock: another process may have started a run here a moment ago.
      store.previous = readRunInfo(dir);
      const samplesFile = path.join(dir, SAMPLES_FILE);
      store.samplesFd = openSync(samplesFile, "a");
      if (mode === "create" && (store.previous || fstatSync(store.samplesFd).size > 0))
        throw new UsageError(`${dir}: already holds a run; finish it with --resume ${dir} or choose another --out`);
      if (mode === "resume" && !store.previous)
        throw new UsageError(`--resume ${dir}: no run.json there; is this a capbench results directory?`);
      cutTornTail(samplesFile);
      store.traces = new TraceWriter(dir);
    } catch (error) {
      store.close();
      throw resultsWriteError(dir, error);
    }
    return store;
  }

  /** The samples already finished (a compact set of their identities, and how many errored), each shown to `visit`. */
  async finished(visit?: (record: SampleRecord) => void): Promise<FinishedSamples> {
    const done = new SampleIdentitySet();
    const stats = emptyReadStats();
    let errors = 0;
    for await (const record of readSamples(this.dir, { stats })) {
      done.add(record);
      visit?.(record);
      if (record.error) errors++;
    }
    return { done, errors, duplicates: stats.duplicates };
  }

  writeInfo(info: RunInfo): void {
    try {
      writeFileAtomic(path.join(this.dir, RUN_FILE), `${JSON.stringify(info, null, 2)}\n`);
    } catch (error) {
      throw resultsWriteError(this.dir, error);
    }
  }

  /** Writes the trace first, then the sample line, so a listed sample always has its trace. */
  appendSample(record: SampleRecord, trace: TraceEvent[] | null): void {
    this.append(record, () => (trace ? this.traces!.append(record.key, trace) : null));
  }

  /** The same with a trace already serialized (merging copies traces as they are). */
  appendSampleWithTraceText(record: SampleRecord, traceText: string | null): void {
    this.append(record, () => (traceText === null ? null : this.traces!.appendLine(traceText)));
  }

  private append(record: SampleRecord, writeTrace: () => object | null): void {
    if (this.samplesFd === null || !this.traces) throw new Error("run store is closed");
    try {
      const ref = writeTrace();
      if (ref) Object.assign(record, ref); // the record points at its trace line
      writeSync(this.samplesFd, `${JSON.stringify(record)}\n`);
    } catch (error) {
      throw resultsWriteError(this.dir, error);
    }
  }

  close(): void {
    if (this.samplesFd !== null) {
      try {
        fsyncSync(this.samplesFd);
      } catch {
        // best effort
      }
      closeSync(this.samplesFd);
      this.samplesFd = null;
    }
    this.traces?.close();
    this.traces = null;
    this.releaseLock?.();
    this.releaseLock = null;
  }
}
