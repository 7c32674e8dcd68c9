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
  // Written as a user would (unchecked): resolveConfig checks it.
  const declared = workflows as never;
  const out = path.join(root, harness.replace(/\W+/g, "-"));
  const config = resolveConfig(
    {
      suites: ["multihop"],
      harnesses: [harness],
      models: ["sim:frontier"],
      workflows: declared,
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

  it("a malformed declared workflow is refused before any sample, naming the field", async () => {
    await expect(
      runWorkflow("workflow[workflow=broken]", { broken: { steps: [{ kind: "retrieve", rounds: 0 }] } }),
    ).rejects.toThrow(/config: workflows\.broken\.steps\[0\]\.rounds: /);
  });

  it("an unknown workflow name is refused before any sample, with a did-you-mean", async () => {
    await expect(
      runWorkflow("workflow[workflow=two-hop]", { "two-hops": { steps: [{ kind: "answer" }] } }),
    ).rejects.toThrow(
      /config: harnesses\[0\] "workflow\[workflow=two-hop\]": options.workflow: unknown workflow "two-hop". Did you mean "two-hops"\?/,
    );
  });
});
