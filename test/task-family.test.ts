import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/config/resolve-config.js";
import { run } from "../src/runner/run.js";
import { readSampleFile, tempDir } from "./cli-helpers.js";

// A task's `metadata.family` (or `cluster`) is written on its samples, so the analysis's
// intervals resample families, then tasks (docs/statistics.md).

describe("task families", () => {
  it("are recorded on every sample of a family's tasks", async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "sums.yaml"),
      [
        "name: sums",
        "scorer: { type: numeric }",
        "tasks:",
        '  - { id: a, prompt: "What is 2 * 3?", expected: 6, metadata: { family: small } }',
        '  - { id: b, prompt: "What is 4 * 3?", expected: 12, metadata: { family: small } }',
        '  - { id: c, prompt: "What is 40 * 3?", expected: 120, metadata: { cluster: 7 } }',
        '  - { id: d, prompt: "What is 41 * 3?", expected: 123 }',
      ].join("\n"),
    );
    const config = resolveConfig(
      { suites: ["sums.yaml"], models: ["sim:frontier"] },
      { out: path.join(dir, "out") },
      { configPath: null, cwd: dir },
    );
    await run({ config, cwd: dir, env: {} });
    const families = Object.fromEntries(readSampleFile(path.join(dir, "out")).map((s) => [s.taskId, s.family]));
    expect(families).toEqual({ a: "small", b: "small", c: "7", d: undefined });
  });
});
