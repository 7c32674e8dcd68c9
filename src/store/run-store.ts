import { readSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import { UsageError } from "../errors.js";
import type { SampleRecord, TraceEvent } from "../types.js";
import { acquireRunLock } from "./run-lock.js";
import { readSamples } from "./read-samples.js";
import { writeJsonAtomic } from "./write-json-atomic.js";

export const SAMPLES_FILE = "samples.jsonl";
export const RUN_FILE = "run.json";

export interface RunInfo {
  runId: string;
  status: "running" | "complete" | "interrupted";
  config: Record<string, unknown>;
  versions: { capbench: string; node: string };
  gitCommit: string | null;
  startedAt: string;
  endedAt: string | null;
  shard?: { index: number; count: number } | null;
  counts?: { planned: number; done: number; errors: number };
  warnings?: string[];
}

function describeWriteError(dir: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === "ENOSPC" ? "the disk is full" : code === "EROFS" ? "the file system is read-only" : code === "EACCES" || code === "EPERM" ? "permission denied" : (error as Error).message;
  return new UsageError(`${dir}: cannot write results (${why}); free space or choose another --out. Samples already written are kept.`);
}

/**
 * Recursive mkdir reports ENOENT when it cannot create a parent (e.g. on a read-only file
 * system); creating the first missing directory alone gives the real reason.
 */
function mkdirCause(target: string, error: unknown): unknown {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") return error;
  let missing = target;
  while (!existsSync(path.dirname(missing)) && path.dirname(missing) !== missing) missing = path.dirname(missing);
  try {
    mkdirSync(missing);
  } catch (cause) {
    return cause;
  }
  return error;
}

/** The results directory of one run: run.json, samples.jsonl (append-only), traces/. */
export class RunStore {
  private samplesFd: number | null = null;
  private releaseLock: (() => void) | null = null;

  private constructor(readonly dir: string) {}

  /** Opens (creating when needed) and locks a results directory. */
  static open(dir: string): RunStore {
    try {
      mkdirSync(path.join(dir, "traces"), { recursive: true });
    } catch (error) {
      throw describeWriteError(dir, mkdirCause(path.join(dir, "traces"), error));
    }
    const store = new RunStore(dir);
    try {
      store.releaseLock = acquireRunLock(dir);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw describeWriteError(dir, error);
    }
    try {
      store.samplesFd = openSync(path.join(dir, SAMPLES_FILE), "a");
      store.repairTornTail();
    } catch (error) {
      store.close();
      throw describeWriteError(dir, error);
    }
    return store;
  }

  static readInfo(dir: string): RunInfo | null {
    const file = path.join(dir, RUN_FILE);
    if (!existsSync(file)) return null;
    return JSON.parse(readFileSync(file, "utf8")) as RunInfo;
  }

  /** Keys of the samples already finished, for --resume. */
  async finishedKeys(): Promise<Set<string>> {
    const keys = new Set<string>();
    for await (const record of readSamples(path.join(this.dir, SAMPLES_FILE))) keys.add(record.key);
    return keys;
  }

  writeInfo(info: RunInfo): void {
    try {
      writeJsonAtomic(path.join(this.dir, RUN_FILE), info);
    } catch (error) {
      throw describeWriteError(this.dir, error);
    }
  }

  /** Writes the trace first, then the sample line, so a listed sample always has its trace. */
  appendSample(record: SampleRecord, trace: TraceEvent[] | null): void {
    if (this.samplesFd === null) throw new Error("run store is closed");
    try {
      if (trace) {
        const name = createHash("sha1").update(record.key).digest("hex").slice(0, 20);
        const relative = path.join("traces", name.slice(0, 2), `${name}.json`);
        mkdirSync(path.join(this.dir, "traces", name.slice(0, 2)), { recursive: true });
        writeFileSync(path.join(this.dir, relative), JSON.stringify({ key: record.key, events: trace }));
        record.trace = relative;
      }
      writeSync(this.samplesFd, `${JSON.stringify(record)}\n`);
    } catch (error) {
      throw describeWriteError(this.dir, error);
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
    this.releaseLock?.();
    this.releaseLock = null;
  }

  /** A crash mid-write can leave a line without its newline; cut it so appends stay line-aligned. */
  private repairTornTail(): void {
    const file = path.join(this.dir, SAMPLES_FILE);
    const size = statSync(file).size;
    if (size === 0) return;
    // Read backwards in chunks from the end to the last newline: never the whole file.
    const fd = openSync(file, "r");
    try {
      const chunk = Buffer.alloc(64 * 1024);
      for (let end = size; end > 0; ) {
        const start = Math.max(0, end - chunk.length);
        const length = readSync(fd, chunk, 0, end - start, start);
        const newline = chunk.subarray(0, length).lastIndexOf(0x0a);
        if (newline !== -1) {
          if (start + newline !== size - 1) truncateSync(file, start + newline + 1);
          return;
        }
        end = start;
      }
      truncateSync(file, 0);
    } finally {
      closeSync(fd);
    }
  }
}
