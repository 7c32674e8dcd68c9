import { describe, expect, it } from "vitest";
import type { SampleRecord, TraceEvent } from "../../types.js";
import { inspectSampleToRecord } from "./inspect-sample-to-record.js";
import { recordToInspectSample } from "./record-to-inspect-sample.js";

// One sample through export and import, with the fields a simulated run never fills: prices,
// cache hits, a failed call, notes, provider errors, limit stop reasons.

const usage = (input: number, output: number, cacheRead = 0) => ({
  inputTokens: input,
  outputTokens: output,
  cacheReadTokens: cacheRead,
  cacheWriteTokens: 0,
});

const trace: TraceEvent[] = [
  {
    type: "model",
    agent: "main",
    at: 1_800_000_000_000,
    request: {
      system: "Be brief.",
      messages: [{ role: "user", content: "Capital of France?" }],
      tools: [{ name: "lookup", description: "Look up", parameters: { type: "object", properties: {} } }],
      maxOutputTokens: 50,
      temperature: 0,
    },
    response: {
      text: "",
      toolCalls: [{ id: "t1", name: "lookup", arguments: { q: "France" } }],
      finishReason: "tool_calls",
      usage: usage(120, 8, 100),
      latencyMs: 812.5,
      cached: true,
      warnings: [],
    },
    latencyMs: 812.5,
  },
  { type: "note", agent: "main", at: 1_800_000_000_900, message: "compacted 1 tool result", data: { kept: 1 } },
  {
    type: "tool",
    agent: "main/sub-1",
    at: 1_800_000_001_000,
    call: { id: "t1", name: "lookup", arguments: { q: "France" } },
    result: { content: "no such page", isError: true },
    latencyMs: 3.25,
  },
  {
    type: "model",
    agent: "main/sub-1",
    at: 1_800_000_001_100,
    request: { messages: [{ role: "user", content: "France?" }] },
    error: "HTTP 529 overloaded",
    latencyMs: 40,
  },
];

function record(overrides: Partial<SampleRecord>): SampleRecord {
  return {
    key: "geo|paris|agent|anthropic:claude-haiku-4-5|2",
    suite: "geo",
    taskId: "paris",
    harness: "agent",
    model: "anthropic:claude-haiku-4-5",
    tier: "low",
    simulated: false,
    epoch: 2,
    difficulty: 3,
    answer: "Paris",
    score: { value: 1, pass: true, explanation: "matched" },
    stopReason: "answered",
    usage: usage(120, 8, 100),
    costUsd: 0.000062,
    replayedCostUsd: 0.000062,
    latencyMs: 1200.5,
    modelCalls: 2,
    toolCalls: 1,
    cachedCalls: 1,
    warnings: ["temperature ignored"],
    ...overrides,
  };
}

const context = {
  file: "x.eval",
  suite: "geo",
  harness: "agent",
  model: "anthropic:claude-haiku-4-5",
  inspectModel: "anthropic/claude-haiku-4-5",
  tier: "low" as const,
  simulated: false,
  scorer: "capbench",
  price: null,
};

function roundTrip(original: SampleRecord, events: TraceEvent[] | null) {
  const sample = recordToInspectSample(original, events, {
    runId: "r",
    inspectModel: context.inspectModel,
    harness: "agent",
    limits: { maxTurns: 30, maxTokens: 1000, maxCostUsd: null, timeoutMs: 60_000 },
  });
  return { sample, ...inspectSampleToRecord(JSON.parse(JSON.stringify(sample)), context) };
}

describe("a sample through export and import", () => {
  it("comes back the same, trace included", () => {
    const original = record({});
    const { record: back, trace: events } = roundTrip(original, trace);
    expect(back).toEqual(original);
    expect(events).toEqual(trace);
  });

  it("keeps errors (with their kind and fatality) and limit stop reasons, and maps them to Inspect's fields", () => {
    const failed = record({
      score: null,
      answer: "",
      stopReason: "provider_error",
      error: { kind: "provider", message: "401 invalid key", status: 401, fatal: "auth" },
    });
    const { sample, record: back } = roundTrip(failed, null);
    expect(sample.error).toEqual({ message: "401 invalid key", traceback: "", traceback_ansi: "" });
    expect(sample.scores).toBeNull();
    expect(back).toEqual(failed);

    const limited = record({ stopReason: "token_budget", score: { value: 0, pass: false, explanation: "no answer" } });
    const out = roundTrip(limited, trace);
    expect(out.sample.limit).toEqual({ type: "token", limit: 1000 });
    expect(out.record).toEqual(limited);

    const overflow = roundTrip(record({ stopReason: "context_overflow" }), trace);
    expect(overflow.sample.output?.choices[0]?.stop_reason).toBe("model_length");
  });

  it("without capbench's metadata, Inspect's own fields give the same score, usage and stop reason", () => {
    const { sample } = roundTrip(record({ stopReason: "token_budget" }), trace);
    const { metadata: _metadata, ...plain } = sample;
    const { record: back } = inspectSampleToRecord({ ...plain, metadata: {} }, context);
    expect(back.score).toEqual({ value: 1, pass: true, explanation: "matched" });
    expect(back.usage).toEqual(usage(120, 8, 100));
    expect(back.stopReason).toBe("token_budget");
    expect(back.taskId).toBe("paris");
    expect(back.cachedCalls).toBe(1);
  });
});
