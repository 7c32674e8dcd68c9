import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { crc32 } from "node:zlib";
import { inflateSync } from "fflate";
import { UsageError } from "../../errors.js";
import { zstdDecompress } from "./zstd-decompress.js";

// A random-access reader of a ZIP archive: the central directory is read once, then each entry
// is read from its offset and decompressed on its own, so an Inspect `.eval` log of any size is
// read one sample at a time (header.json, written last, can be read first). ZIP64 is supported
// (Inspect writes it past 65,535 entries or 4 GiB); entries are stored, deflated or zstd-compressed
// (Inspect ≥ 0.3.206 writes zstd by default).

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localHeaderOffset: number;
}

export interface ZipReader {
  readonly entries: ReadonlyMap<string, ZipEntry>;
  /** The entry's bytes, decompressed and checked against its CRC. */
  read(name: string): Uint8Array;
  close(): void;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

export function openZip(file: string): ZipReader {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    throw new UsageError(`${file}: cannot open (${(error as Error).message})`);
  }
  try {
    const entries = readCentralDirectory(fd, file);
    return {
      entries,
      read(name) {
        const entry = entries.get(name);
        if (!entry) throw new UsageError(`${file}: no ${name} in the archive`);
        return readEntry(fd, file, entry);
      },
      close: () => closeSync(fd),
    };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return buffer.subarray(0, done);
}

function readCentralDirectory(fd: number, file: string): Map<string, ZipEntry> {
  const size = fstatSync(fd).size;
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = readAt(fd, size - tailLength, tailLength);
  let eocd = -1;
  for (let index = tail.length - 22; index >= 0; index--) {
    if (tail.readUInt32LE(index) === EOCD) {
      eocd = index;
      break;
    }
  }
  if (eocd < 0)
    throw new UsageError(`${file}: not a ZIP archive (no end of central directory); is it an Inspect .eval log?`);
  let count = tail.readUInt16LE(eocd + 10);
  let directorySize = tail.readUInt32LE(eocd + 12);
  let directoryOffset = tail.readUInt32LE(eocd + 16);
  if (eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) {
    const recordOffset = Number(tail.readBigUInt64LE(eocd - 20 + 8));
    const record = readAt(fd, recordOffset, 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD)
      throw new UsageError(`${file}: damaged ZIP64 end of central directory`);
    count = Number(record.readBigUInt64LE(32));
    directorySize = Number(record.readBigUInt64LE(40));
    directoryOffset = Number(record.readBigUInt64LE(48));
  }
  const directory = readAt(fd, directoryOffset, directorySize);
  const entries = new Map<string, ZipEntry>();
  let position = 0;
  for (let index = 0; index < count; index++) {
    if (position + 46 > directory.length || directory.readUInt32LE(position) !== CENTRAL)
      throw new UsageError(`${file}: damaged ZIP central directory (entry ${index + 1})`);
    const nameLength = directory.readUInt16LE(position + 28);
    const extraLength = directory.readUInt16LE(position + 30);
    const commentLength = directory.readUInt16LE(position + 32);
    const entry: ZipEntry = {
      name: directory.toString("utf8", position + 46, position + 46 + nameLength),
      method: directory.readUInt16LE(position + 10),
      crc: directory.readUInt32LE(position + 16),
      compressedSize: directory.readUInt32LE(position + 20),
      size: directory.readUInt32LE(position + 24),
      localHeaderOffset: directory.readUInt32LE(position + 42),
    };
    applyZip64Extra(entry, directory.subarray(position + 46 + nameLength, position + 46 + nameLength + extraLength));
    // A re-logged member appears twice; like Inspect's reader, the last one wins.
    entries.set(entry.name, entry);
    position += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** ZIP64 extended information: 8-byte values for the fields stored as 0xFFFFFFFF, in this order. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  for (let position = 0; position + 4 <= extra.length;) {
    const id = extra.readUInt16LE(position);
    const length = extra.readUInt16LE(position + 2);
    if (id === 0x0001) {
      let field = position + 4;
      const next = (): number => {
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.size === MAX32) entry.size = next();
      if (entry.compressedSize === MAX32) entry.compressedSize = next();
      if (entry.localHeaderOffset === MAX32) entry.localHeaderOffset = next();
      return;
    }
    position += 4 + length;
  }
}

function readEntry(fd: number, file: string, entry: ZipEntry): Uint8Array {
  const header = readAt(fd, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL)
    throw new UsageError(`${file}: damaged ZIP entry ${entry.name}`);
  const dataOffset = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const compressed = readAt(fd, dataOffset, entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) data = compressed;
  else if (entry.method === 8) data = inflateSync(compressed, { out: new Uint8Array(entry.size) });
  else if (entry.method === 93) data = zstdDecompress(compressed, `${file}: ${entry.name}`);
  else
    throw new UsageError(
      `${file}: ${entry.name} uses ZIP compression method ${entry.method}, which capbench cannot read`,
    );
  if (data.length !== entry.size || crc32(data) !== entry.crc)
    throw new UsageError(`${file}: ${entry.name} is damaged (size or CRC mismatch)`);
  return data;
}
