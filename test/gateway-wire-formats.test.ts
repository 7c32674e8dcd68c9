import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../src/config/resolve-config.js";
import { run } from "../src/runner/run.js";
import { readTrace } from "../src/store/trace-file.js";
import type { ModelRequest, SampleRecord, TraceEvent } from "../src/types.js";

// The same tasks through the gateway in all three wire formats, streamed and not, driven by
// the official SDKs from a child process (test/fixtures/gateway/sdk-agent.mjs, the built-in
// agent's loop): the same scores, and capbench builds the very same model requests as for
// the built-in agent, so the analysis cannot tell them apart.

const REPO = path.resolve(import.meta.dirname, "..");
const root = mkdtempSync(path.join(os.tmpdir(), "capbench-wire-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const VARIANTS = [
  "chat plain",
  "chat stream",
  "responses plain",
  "responses stream",
  "anthropic plain",
  "anthropic stream",
];
const logFile = path.join(root, "wire.jsonl");
const harnessOf = (variant: string) => `exec:node test/fixtures/gateway/sdk-agent.mjs ${variant} ${logFile}`;

function readRecords(dir: string): SampleRecord[] {
  return readFileSync(path.join(dir, "samples.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as SampleRecord);
}

function modelRequests(dir: string, record: SampleRecord): ModelRequest[] {
  const events = (readTrace(dir, record) as { events: TraceEvent[] }).events;
  return events.flatMap((event) => (event.type === "model" ? [event.request] : []));
}

describe("the gateway's three wire formats", () => {
  it("score the same and build the same requests as the built-in agent, streamed or not", async () => {
    const config = resolveConfig(
      {
        concurrency: 4,
        suites: ["multihop"],
        harnesses: ["agent", ...VARIANTS.map(harnessOf)],
        models: ["sim:low", "sim:frontier"],
        suiteOptions: { multihop: { levels: [3, 4], perLevel: 1 } },
        cache: { mode: "disabled" },
      },
      { out: path.join(root, "run") },
      { configPath: null, cwd: REPO },
    );
    const outcome = await run({ config, cwd: REPO, env: {} });
    const records = readRecords(outcome.dir);
    expect(records).toHaveLength(2 * 2 * 7);
    expect(records.filter((record) => record.error)).toEqual([]);

    const builtIn = new Map(
      records
        .filter((record) => record.harness === "agent")
        .map((record) => [`${record.model}|${record.taskId}`, record]),
    );
    let toolCallsSeen = 0;
    for (const record of records.filter((candidate) => candidate.harness !== "agent")) {
      const reference = builtIn.get(`${record.model}|${record.taskId}`)!;
      const label = `${record.harness} ${record.model} ${record.taskId}`;
      expect(record.score, label).toEqual(reference.score);
      expect(record.stopReason, label).toBe(reference.stopReason);
      expect(record.modelCalls, label).toBe(reference.modelCalls);
      expect(record.usage, label).toEqual(reference.usage);
      // The requests capbench built from the wire are the agent's own (the clients send a max_tokens).
      const requests = modelRequests(outcome.dir, record).map(({ maxOutputTokens, ...rest }) => {
        expect(maxOutputTokens).toBe(1024);
        return rest;
      });
      expect(requests, label).toEqual(modelRequests(outcome.dir, reference));

      // The trace shows every call: each model call the child made, each MCP tool call.
      const events = (readTrace(outcome.dir, record) as { events: TraceEvent[] }).events;
      expect(events.filter((event) => event.type === "model")).toHaveLength(record.modelCalls);
      expect(events.filter((event) => event.type === "tool")).toHaveLength(record.toolCalls);
      const exit = events.find((event) => event.type === "note" && event.message.startsWith("external harness exited"));
      expect((exit as { data: { modelCalls: number } }).data.modelCalls).toBe(record.modelCalls);
      toolCallsSeen += record.toolCalls;
    }
    expect(toolCallsSeen).toBeGreaterThan(30);
    // Malformed calls at the low tier came back as tool errors in every format.
    const lowErrors = records.filter((record) => record.model === "sim:low" && record.harness !== "agent");
    expect(
      lowErrors.some((record) =>
        modelRequests(outcome.dir, record).some((request) =>
          request.messages.some((message) => message.role === "tool" && message.isError),
        ),
      ),
    ).toBe(true);

    // What the SDKs saw on the wire: usage on every call (in the final chunk when streamed).
    expect(existsSync(logFile)).toBe(true);
    const wire = readFileSync(logFile, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { format: string; mode: string; usage: Record<string, number> | null });
    for (const variant of VARIANTS) {
      const [format, mode] = variant.split(" ");
      const calls = wire.filter((entry) => entry.format === format && entry.mode === mode);
      expect(calls.length, variant).toBeGreaterThan(8);
      for (const call of calls) {
        const input = call.usage?.prompt_tokens ?? call.usage?.input_tokens;
        expect(input, variant).toBeGreaterThan(0);
      }
    }
  });
});
