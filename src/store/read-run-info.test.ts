import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRunInfo } from "./read-run-info.js";

function withRunJson(text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "capbench-info-"));
  writeFileSync(path.join(dir, "run.json"), text);
  return dir;
}

describe("readRunInfo", () => {
  it("reads run.json written by older versions (no partial or incomplete status, no counts)", () => {
    const dir = withRunJson(
      JSON.stringify({
        runId: "r1",
        status: "interrupted",
        config: { models: [{ id: "sim:low", tier: "low" }], seed: 3 },
        startedAt: "2025-01-01T00:00:00.000Z",
        endedAt: null,
        futureField: { kept: true },
      }),
    );
    expect(readRunInfo(dir)).toMatchObject({
      runId: "r1",
      status: "interrupted",
      config: { seed: 3 },
      futureField: { kept: true },
    });
    // Hand-made and synthetic files may lack even the run id: the directory's name stands in.
    expect(readRunInfo(withRunJson("{}"))?.runId).toMatch(/^capbench-info-/);
    expect(readRunInfo(mkdtempSync(path.join(os.tmpdir(), "capbench-info-")))).toBeNull();
  });

  it("reads the new statuses and what produced no data", () => {
    const info = readRunInfo(
      withRunJson(
        JSON.stringify({
          runId: "r",
          status: "partial",
          partialReason: "shard",
          noData: [{ kind: "model", name: "x:y", samples: 4, errors: 4 }],
        }),
      ),
    );
    expect(info).toMatchObject({ status: "partial", partialReason: "shard", noData: [{ kind: "model" }] });
  });

  it("names the file, and the field, of a corrupt or wrong-shaped run.json", () => {
    const corrupt = withRunJson('{"runId": "r", "config": {');
    expect(() => readRunInfo(corrupt)).toThrow(new RegExp(`^${path.join(corrupt, "run.json")}: not valid JSON`));
    const wrong = withRunJson(
      JSON.stringify({ runId: "r", status: "done", config: { models: [{ id: "m", tier: "top" }] } }),
    );
    const message = (() => {
      try {
        readRunInfo(wrong);
        return "";
      } catch (error) {
        expect((error as Error).name).toBe("UsageError");
        return (error as Error).message;
      }
    })();
    expect(message).toContain(`${path.join(wrong, "run.json")}: status: `);
    expect(message).toContain(`${path.join(wrong, "run.json")}: config.models[0].tier: `);
  });
});
