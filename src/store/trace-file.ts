import { closeSync, fstatSync, openSync, readSync, writeSync } from "node:fs";
import path from "node:path";
import type { SampleRecord, TraceEvent } from "../types.js";
import { cutTornTail } from "./cut-torn-tail.js";
import { TRACES_FILE } from "./layout.js";

// Trajectories go into one append-only file per run, a line per sample; a sample record points
// at its line (`trace`, `traceOffset`, `traceBytes`). One open file and one write per sample,
// instead of a file per sample: creating 100,000 small files was the runner's largest cost.

export { TRACES_FILE };

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

/** A trace as read back: its text, or why it cannot be shown. */
export type TraceRead =
  { status: "ok"; text: string } | { status: "too-large"; bytes: number } | { status: "unavailable"; reason: string };

/**
 * A sample's trace text. A reference without an offset is a whole file (one trace per file, as
 * older versions wrote). A missing file, a file cut short (a crash, a partial copy) or a
 * reference outside it is `unavailable`, never an exception.
 */
export function loadTraceText(runDir: string, ref: TraceRef, maxBytes = Number.POSITIVE_INFINITY): TraceRead {
  if (!ref.trace) return { status: "unavailable", reason: "no trace recorded" };
  const file = path.resolve(runDir, ref.trace);
  if (path.relative(path.resolve(runDir), file).startsWith(".."))
    return { status: "unavailable", reason: "outside the run" };
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return { status: "unavailable", reason: `${ref.trace} is missing` };
  }
  try {
    const size = fstatSync(fd).size;
    const offset = ref.traceOffset ?? 0;
    const length = ref.traceBytes ?? size - offset;
    if (offset < 0 || length < 0 || offset + length > size)
      return { status: "unavailable", reason: `${ref.trace} is cut short (truncated)` };
    if (length > maxBytes) return { status: "too-large", bytes: length };
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const got = readSync(fd, buffer, read, length - read, offset + read);
      if (got === 0) return { status: "unavailable", reason: `${ref.trace} is cut short (truncated)` };
      read += got;
    }
    return { status: "ok", text: buffer.toString("utf8") };
  } catch (error) {
    return { status: "unavailable", reason: `${ref.trace}: ${(error as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

/** The JSON text of a sample's trace, or null when it is absent, unreadable or larger than `maxBytes`. */
export function readTraceText(runDir: string, ref: TraceRef, maxBytes?: number): string | null {
  const loaded = loadTraceText(runDir, ref, maxBytes);
  return loaded.status === "ok" ? loaded.text : null;
}

/** A sample's trace, parsed; null when absent, unreadable, too large or not a trace. */
export function readTrace(runDir: string, ref: TraceRef, maxBytes?: number): TraceContent | null {
  const text = readTraceText(runDir, ref, maxBytes);
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as TraceContent;
    return parsed && typeof parsed === "object" && Array.isArray(parsed.events) ? parsed : null;
  } catch {
    return null;
  }
}
