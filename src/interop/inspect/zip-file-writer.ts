import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { Zip, ZipDeflate } from "fflate";
import { UsageError } from "../../errors.js";

/** fflate writes no ZIP64: past these limits the archive would be unreadable. */
const MAX_ENTRIES = 65_535;
const MAX_BYTES = 0xffffffff;
const CHUNK = 1 << 20;

export interface ZipFileWriter {
  /** Adds one deflated entry; `data` may be a string, bytes, or chunks of either. */
  add(name: string, data: string | Uint8Array | Iterable<string | Uint8Array>): void;
  /** Writes the central directory and moves the archive into place. */
  finish(): void;
  /** Removes the unfinished archive. */
  abort(): void;
}

/**
 * A ZIP archive streamed to disk entry by entry (fflate's streaming Zip with synchronous
 * deflate), written beside `file` and renamed onto it by finish(), so a failed export never
 * leaves a half archive under the final name.
 */
export function createZipFileWriter(file: string): ZipFileWriter {
  const temporary = `${file}.partial-${process.pid}`;
  let fd: number;
  try {
    fd = openSync(temporary, "w");
  } catch (error) {
    throw new UsageError(`${file}: cannot write (${(error as Error).message})`);
  }
  let written = 0;
  let entries = 0;
  let failure: Error | null = null;
  let closed = false;
  const zip = new Zip((error, chunk) => {
    if (error) failure ??= error;
    else if (chunk.length) {
      for (let done = 0; done < chunk.length;) done += writeSync(fd, chunk, done, chunk.length - done);
      written += chunk.length;
    }
  });
  const check = () => {
    if (failure) throw failure;
    if (written > MAX_BYTES)
      throw new UsageError(`${file}: over 4 GiB; capbench writes no ZIP64 yet, export fewer samples per file`);
  };
  const close = () => {
    if (!closed) closeSync(fd);
    closed = true;
  };
  return {
    add(name, data) {
      if (++entries > MAX_ENTRIES)
        throw new UsageError(
          `${file}: more than ${MAX_ENTRIES} entries; capbench writes no ZIP64 yet, export fewer samples per file`,
        );
      const entry = new ZipDeflate(name, { level: 6 });
      zip.add(entry);
      const encoder = new TextEncoder();
      const parts = typeof data === "string" || data instanceof Uint8Array ? [data] : data;
      let pending: Uint8Array | null = null;
      for (const part of parts) {
        const bytes = typeof part === "string" ? encoder.encode(part) : part;
        if (pending) entry.push(pending);
        pending = bytes;
        if (pending.length > CHUNK) {
          entry.push(pending);
          pending = null;
        }
        check();
      }
      entry.push(pending ?? new Uint8Array(0), true);
      check();
    },
    finish() {
      zip.end();
      check();
      close();
      renameSync(temporary, file);
    },
    abort() {
      close();
      rmSync(temporary, { force: true });
    },
  };
}
