import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import type { SampleRecord, TraceEvent } from "../types.js";
import { cutTornTail } from "./cut-torn-tail.js";
import { acquireRunLock } from "./run-lock.js";
import { TraceWriter } from "./trace-file.js";
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
  const why =
    code === "ENOSPC"
      ? "the disk is full"
      : code === "EROFS"
        ? "the file system is read-only"
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : (error as Error).message;
  return new UsageError(
    `${dir}: cannot write results (${why}); free space or choose another --out. Samples already written are kept.`,
  );
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
  private traces: TraceWriter | null = null;
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
      cutTornTail(path.join(dir, SAMPLES_FILE));
      store.traces = new TraceWriter(dir);
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

  /** The samples already finished (their keys, and how many errored), for --resume. */
  async finished(): Promise<{ keys: Set<string>; errors: number }> {
    const keys = new Set<string>();
    let errors = 0;
    for await (const record of readSamples(path.join(this.dir, SAMPLES_FILE))) {
      keys.add(record.key);
      if (record.error) errors++;
    }
    return { keys, errors };
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
    if (this.samplesFd === null || !this.traces) throw new Error("run store is closed");
    try {
      if (trace) Object.assign(record, this.traces.append(record.key, trace));
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
    this.traces?.close();
    this.traces = null;
    this.releaseLock?.();
    this.releaseLock = null;
  }
}
