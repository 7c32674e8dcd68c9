import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ensureDirectory } from "./ensure-directory.js";

describe("ensureDirectory", () => {
  it("creates missing levels, and fails at once where a level cannot be made", () => {
    const base = mkdtempSync(path.join(os.tmpdir(), "capbench-dir-"));
    ensureDirectory(path.join(base, "a/b/c"));
    expect(existsSync(path.join(base, "a/b/c"))).toBe(true);
    ensureDirectory(path.join(base, "a/b/c"));
    writeFileSync(path.join(base, "file"), "");
    expect(() => ensureDirectory(path.join(base, "file/x"))).toThrow(expect.objectContaining({ code: "ENOTDIR" }));
    // Node's recursive mkdir never returns for this path (it spins); this one throws.
    expect(() => ensureDirectory("/proc/capbench-x/traces")).toThrow(expect.objectContaining({ code: "ENOENT" }));
  });
});
