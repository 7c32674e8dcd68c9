import { mkdirSync, mkdtempSync, truncateSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadTraceText, readTrace, TRACES_FILE, TraceWriter } from "./trace-file.js";

describe("trace file", () => {
  it("reads a trace back, and calls one in a truncated file unavailable instead of throwing", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "capbench-trace-"));
    mkdirSync(path.join(dir, "traces"));
    const writer = new TraceWriter(dir);
    const first = writer.append("a", [{ type: "note", agent: "main", at: 0, message: "one" }]);
    const second = writer.append("b", [{ type: "note", agent: "main", at: 0, message: "two".repeat(100) }]);
    writer.close();
    expect(readTrace(dir, first)?.events[0]).toMatchObject({ message: "one" });
    expect(loadTraceText(dir, second, 10)).toEqual({ status: "too-large", bytes: second.traceBytes });
    // A crash or a partial copy cut the file in the middle of the second trace.
    truncateSync(path.join(dir, TRACES_FILE), statSync(path.join(dir, TRACES_FILE)).size - 50);
    expect(loadTraceText(dir, second)).toMatchObject({
      status: "unavailable",
      reason: expect.stringMatching(/truncated/),
    });
    expect(readTrace(dir, second)).toBeNull();
    expect(readTrace(dir, first)?.key).toBe("a");
    expect(loadTraceText(dir, { trace: "traces/gone.json" })).toMatchObject({ status: "unavailable" });
  });
});
