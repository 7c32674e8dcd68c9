import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildZip, zstdCompress } from "../../../test/zip-builder.js";
import { UsageError } from "../../errors.js";
import { openZip } from "./zip-reader.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "capbench-zip-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const big = JSON.stringify({
  samples: Array.from({ length: 2000 }, (_, index) => ({ index, text: "é".repeat(index % 7) })),
});

describe("openZip", () => {
  it("reads stored and deflated entries by name, the last copy of a repeated name winning", () => {
    const file = write(
      "plain.zip",
      buildZip([
        { name: "header.json", data: '{"version":1}', method: "stored" },
        { name: "samples/1_epoch_1.json", data: big },
        { name: "header.json", data: '{"version":2}' },
      ]),
    );
    const zip = openZip(file);
    try {
      expect([...zip.entries.keys()]).toEqual(["header.json", "samples/1_epoch_1.json"]);
      expect(text(zip.read("header.json"))).toBe('{"version":2}');
      expect(text(zip.read("samples/1_epoch_1.json"))).toBe(big);
      expect(() => zip.read("missing.json")).toThrow(/no missing.json in the archive/);
    } finally {
      zip.close();
    }
  });

  it("reads the ZIP64 layout (64-bit directory record and entry offsets)", () => {
    const file = write(
      "zip64.zip",
      buildZip(
        [
          { name: "a.json", data: "[1]" },
          { name: "b.json", data: big, method: "stored" },
        ],
        { zip64: true },
      ),
    );
    const zip = openZip(file);
    try {
      expect(zip.entries.size).toBe(2);
      expect(text(zip.read("a.json"))).toBe("[1]");
      expect(text(zip.read("b.json"))).toBe(big);
    } finally {
      zip.close();
    }
  });

  it.skipIf(!zstdCompress(new Uint8Array([1])))("reads zstd entries (Inspect ≥ 0.3.206)", () => {
    const file = write("zstd.zip", buildZip([{ name: "header.json", data: big, method: "zstd" }]));
    const zip = openZip(file);
    try {
      expect(zip.entries.get("header.json")!.method).toBe(93);
      expect(text(zip.read("header.json"))).toBe(big);
    } finally {
      zip.close();
    }
  });

  it("refuses damaged data and files that are not archives, naming the file", () => {
    const bytes = buildZip([{ name: "x.json", data: "hello world", method: "stored" }]);
    bytes[30 + "x.json".length] = "j".charCodeAt(0); // first data byte changed: CRC mismatch
    const zip = openZip(write("damaged.zip", bytes));
    try {
      expect(() => zip.read("x.json")).toThrow(/x.json is damaged/);
    } finally {
      zip.close();
    }
    const notZip = write("log.json", Buffer.from('{"eval": {}}'));
    expect(() => openZip(notZip)).toThrow(UsageError);
    expect(() => openZip(notZip)).toThrow(`${notZip}: not a ZIP archive`);
  });
});
