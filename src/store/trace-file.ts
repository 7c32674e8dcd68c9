import { closeSync, fstatSync, openSync, readSync, writeSync } from "node:fs";
import path from "node:path";
import type { SampleRecord, TraceEvent } from "../types.js";
import { cutTornTail } from "./cut-torn-tail.js";

// Trajectories go into one append-only file per run, a line per sample; a sample record points
// at its line (`trace`, `traceOffset`, `traceBytes`). One open file and one write per sample,
// instead of a file per sample: creating 100,000 small files was the runner's largest cost.

export const TRACES_FILE = "traces/traces.jsonl";

export type TraceRef = Pick<SampleRecord, "trace" | "traceOffset" | "traceBytes">;

export interface TraceContent {
  key: string;
  events: TraceEvent[];
}

function writeAll(fd: number, buffer: Buffer): void {
  for (let written = 0; written < buffer.length;) written += writeSync(fd, buffer, written, buffer.length - written);
}

export class TraceWriter {
  private readonly fd: number;
  private size: number;

  /** Opens (creating) the run's trace file; the traces/ folder must exist. */
  constructor(runDir: string) {
    const file = path.join(runDir, TRACES_FILE);
    this.fd = openSync(file, "a+");
    cutTornTail(file, this.fd);
    this.size = fstatSync(this.fd).size;
  }

  /** Appends one trace line (a serialized TraceContent) and returns where it is. */
  appendLine(json: string): Required<TraceRef> {
    const buffer = Buffer.from(`${json}\n`);
    writeAll(this.fd, buffer);
    const ref = { trace: TRACES_FILE, traceOffset: this.size, traceBytes: buffer.length - 1 };
    this.size += buffer.length;
    return ref;
  }

  append(key: string, events: TraceEvent[]): Required<TraceRef> {
    return this.appendLine(JSON.stringify({ key, events } satisfies TraceContent));
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * The JSON text of a sample's trace, or null when there is none or it is larger than
 * `maxBytes`. A reference without an offset is a whole file (one trace per file).
 */
export function readTraceText(runDir: string, ref: TraceRef, maxBytes = Number.POSITIVE_INFINITY): string | null {
  if (!ref.trace) return null;
  let fd: number;
  try {
    fd = openSync(path.join(runDir, ref.trace), "r");
  } catch {
    return null;
  }
  try {
    const offset = ref.traceOffset ?? 0;
    const length = ref.traceBytes ?? fstatSync(fd).size;
    if (length > maxBytes) return null;
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, offset);
    return buffer.subarray(0, read).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

export function readTrace(runDir: string, ref: TraceRef, maxBytes?: number): TraceContent | null {
  const text = readTraceText(runDir, ref, maxBytes);
  if (text === null) return null;
  try {
    return JSON.parse(text) as TraceContent;
  } catch {
    return null;
  }
}
