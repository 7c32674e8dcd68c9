import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../src/config/resolve-config.js";
import { run } from "../src/runner/run.js";
import { readTrace } from "../src/store/trace-file.js";
import type { SampleRecord } from "../src/types.js";

const REPO = path.resolve(import.meta.dirname, "..");
const root = mkdtempSync(path.join(os.tmpdir(), "capbench-workflow-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function runWorkflow(harness: string, workflows: Record<string, unknown>) {
  const out = path.join(root, harness.replace(/\W+/g, "-"));
  const config = resolveConfig(
    {
      suites: ["multihop"],
      harnesses: [harness],
      models: ["sim:frontier"],
      workflows,
      suiteOptions: { multihop: { levels: [2], perLevel: 2 } },
      cache: { mode: "disabled" },
    },
    { out },
    { configPath: null, cwd: REPO },
  );
  await run({ config, cwd: REPO, env: {} }).catch((error: Error) => {
    if (!/every sample errored/.test(error.message)) throw error;
  });
  const records = readFileSync(path.join(out, "samples.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as SampleRecord);
  const traces = records.map((record) => readTrace(out, record)?.events ?? []);
  return { records, traces };
}

describe("workflow declared as data in the config", () => {
  it("runs the declared steps: the number of retrievals is the workflow's, not the model's", async () => {
    const { records, traces } = await runWorkflow("workflow[workflow=two-hops]", {
      "two-hops": { steps: [{ kind: "retrieve", rounds: 2, read: 1 }, { kind: "answer" }] },
    });
    for (const [index, record] of records.entries()) {
      expect(record.stopReason).toBe("answered");
      expect(record.score?.pass).toBe(true);
      // 2 query calls + 1 answer call; 2 searches + 2 reads.
      expect(record.modelCalls).toBe(3);
      expect(traces[index]!.filter((event) => event.type === "tool" && event.call.name === "search")).toHaveLength(2);
    }
  });

  it("a malformed declared workflow fails the sample with a message naming the field", async () => {
    const { records } = await runWorkflow("workflow[workflow=broken]", {
      broken: { steps: [{ kind: "retrieve", rounds: 0 }] },
    });
    expect(records[0]!.stopReason).toBe("harness_error");
    expect(records[0]!.error?.message).toMatch(/workflows\.broken: steps(\[0\]\.rounds|)/);
  });
});
