import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CellSummary } from "../src/analysis/summary-types.js";
import type { UserConfig } from "../src/config/config-schema.js";
import { resolveConfig } from "../src/config/resolve-config.js";
import { run } from "../src/runner/run.js";
import type { SampleRecord } from "../src/types.js";

// The examples as harnesses under test: the standard-library Python MCP agent scales on
// multihop from low to frontier like the built-in agent (sample for sample, since it sends
// the same requests), the one-call Python harness scores exactly as the built-in prompt, and
// the Node examples work as their README commands say.

const REPO = path.resolve(import.meta.dirname, "..");
const PY_AGENT = "exec:python3 examples/external-python-mcp-agent.py";
const root = mkdtempSync(path.join(os.tmpdir(), "capbench-py-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let runs = 0;

async function runAll(user: UserConfig) {
  const config = resolveConfig(
    { concurrency: 4, cache: { mode: "disabled" }, ...user },
    { out: path.join(root, `run-${++runs}`) },
    { configPath: null, cwd: REPO },
  );
  const outcome = await run({ config, cwd: REPO, env: {} });
  const records = readFileSync(path.join(outcome.dir, "samples.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as SampleRecord);
  return { cells: outcome.summary.cells, records };
}

function cell(cells: CellSummary[], harness: string, model: string) {
  const found = cells.find((candidate) => candidate.harness === harness && candidate.model === model);
  if (!found || found.mean === null || !found.ci95) throw new Error(`no scored cell ${harness} × ${model}`);
  return found as CellSummary & { mean: number; ci95: [number, number] };
}

function scoresByTask(records: SampleRecord[], harness: string): Map<string, number | undefined> {
  return new Map(
    records
      .filter((record) => record.harness === harness)
      .map((record) => [`${record.model}|${record.taskId}`, record.score?.value]),
  );
}

describe("external harnesses on the simulated ladder", () => {
  it("the Python MCP agent gains from low to frontier on multihop exactly like the built-in agent", async () => {
    const { cells, records } = await runAll({
      suites: ["multihop"],
      harnesses: ["agent", PY_AGENT],
      models: ["sim:low", "sim:frontier"],
      suiteOptions: { multihop: { perLevel: 4 } },
    });
    expect(records.filter((record) => record.error)).toEqual([]);
    for (const harness of ["agent", PY_AGENT]) {
      const low = cell(cells, harness, "sim:low");
      const frontier = cell(cells, harness, "sim:frontier");
      expect(frontier.mean - low.mean, harness).toBeGreaterThan(0.25);
      expect(frontier.ci95[0], harness).toBeGreaterThan(low.ci95[1]);
    }
    expect(scoresByTask(records, PY_AGENT)).toEqual(scoresByTask(records, "agent"));
  });

  it("the one-call Python harness (named in the config) scores sample for sample like the built-in prompt", async () => {
    const { records } = await runAll({
      suites: ["multihop"],
      harnesses: ["prompt", { name: "py-prompt", command: ["python3", "examples/external-python-prompt.py"] }],
      models: ["sim:low", "sim:frontier"],
      suiteOptions: { multihop: { levels: [1, 2, 4], perLevel: 2 } },
    });
    const prompt = scoresByTask(records, "prompt");
    expect(prompt.size).toBe(12);
    expect(new Set(prompt.values()).size).toBe(2); // some right, some wrong: a comparison that can fail
    expect(scoresByTask(records, "py-prompt")).toEqual(prompt);
  });

  it("the Node examples (openai Responses and Anthropic Messages, both streamed) answer through MCP tools", async () => {
    const harnesses = ["exec:node examples/external-node-openai.mjs", "exec:node examples/external-node-anthropic.mjs"];
    const { cells, records } = await runAll({
      suites: ["multihop"],
      harnesses,
      models: ["sim:frontier"],
      suiteOptions: { multihop: { levels: [2, 3], perLevel: 2 } },
    });
    expect(records.filter((record) => record.error)).toEqual([]);
    for (const harness of harnesses) {
      const mine = records.filter((record) => record.harness === harness);
      expect(
        mine.every((record) => record.toolCalls > 0 && record.stopReason === "answered"),
        harness,
      ).toBe(true);
      expect(cell(cells, harness, "sim:frontier").mean, harness).toBeGreaterThan(0.7);
    }
  });
});
