import { closeSync, fstatSync, openSync, readSync, truncateSync } from "node:fs";

/**
 * A crash mid-write can leave a last line without its newline: cut it, so appends stay
 * line-aligned. Reads backwards from the end in chunks, never the whole file.
 */
export function cutTornTail(file: string, openFd?: number): void {
  const fd = openFd ?? openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const chunk = Buffer.alloc(64 * 1024);
    for (let end = size; end > 0;) {
      const start = Math.max(0, end - chunk.length);
      const length = readSync(fd, chunk, 0, end - start, start);
      const newline = chunk.subarray(0, length).lastIndexOf(0x0a);
      if (newline !== -1) {
        if (start + newline !== size - 1) truncateSync(file, start + newline + 1);
        return;
      }
      end = start;
    }
    if (size > 0) truncateSync(file, 0);
  } finally {
    if (openFd === undefined) closeSync(fd);
  }
}
