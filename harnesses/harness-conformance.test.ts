import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSuite } from "../src/config/load-suite.js";
import { createSimModel } from "../src/models/sim/sim-model.js";
import { resolveHarnessRef } from "../src/registry/resolve-harness-ref.js";
import { runSample } from "../src/runner/run-sample.js";
import { STOP_REASONS, type Limits, type ModelClient, type Suite } from "../src/types.js";

// One suite of checks every harness must pass: the built-ins, their variants and the example
// custom harness, all on the real runner (runSample) and the simulated ladder.

const REPO = path.resolve(import.meta.dirname, "..");
const HARNESSES = [
  "prompt",
  "workflow",
  "workflow[workflow=plan-solve-check]",
  "agent",
  "agent[context=compact]",
  "agent[context=summarize,summarizeAt=400]",
  "agent[context=offload,offloadAbove=200]",
  "multi-agent",
  "./examples/my-harness.ts",
];
const LIMITS: Limits = { maxTurns: 30, maxTokens: 200_000, maxCostUsd: null, timeoutMs: 20_000 };
const scratchRoot = mkdtempSync(path.join(os.tmpdir(), "capbench-conformance-"));
afterAll(() => rmSync(scratchRoot, { recursive: true, force: true }));

async function multihop(levels: number[]): Promise<Suite> {
  return loadSuite("multihop", {
    cwd: REPO,
    baseDir: REPO,
    seed: 3,
    limit: null,
    sandbox: "unsafe-none",
    suiteOptions: { multihop: { levels, perLevel: 1 } },
  });
}

/** The real simulated model, answering only after `delayMs` (or when aborted). */
function slowModel(inner: ModelClient, delayMs: number): ModelClient {
  return {
    ...inner,
    async generate(request, options) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, delayMs);
        options?.signal?.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(options.signal?.reason);
        });
      });
      return inner.generate(request, options);
    },
  };
}

// Resolved once per reference: a custom module is compiled on first load (jiti).
const resolved = new Map<string, ReturnType<typeof resolveHarnessRef>>();

async function sample(ref: string, suite: Suite, options: { limits?: Partial<Limits>; model?: ModelClient } = {}) {
  if (!resolved.has(ref)) resolved.set(ref, resolveHarnessRef(ref, { baseDir: REPO }));
  const harness = await resolved.get(ref)!;
  const started = performance.now();
  const client = options.model ?? createSimModel({ id: "sim:frontier", tier: "frontier" }, { seed: 1 });
  const task = suite.tasks[0]!;
  const outcome = await runSample(
    {
      key: `${suite.name}|${task.id}|${harness.label}|${client.id}|0`,
      suite,
      task,
      harness,
      model: { client, tier: "frontier", price: null },
      epoch: 0,
    },
    { limits: { ...LIMITS, ...options.limits }, runSignal: new AbortController().signal, scratchRoot, seed: 1 },
  );
  if (!outcome) throw new Error("sample was dropped");
  return { ...outcome, elapsedMs: performance.now() - started };
}

describe.each(HARNESSES)("harness %s", (ref) => {
  it("answers a one-hop question on sim:frontier and traces every call", async () => {
    const { record, trace } = await sample(ref, await multihop([1]));
    expect(record.stopReason).toBe("answered");
    expect(record.score?.pass, record.score?.explanation).toBe(true);
    expect(trace.filter((event) => event.type === "model")).toHaveLength(record.modelCalls);
    expect(trace.filter((event) => event.type === "tool")).toHaveLength(record.toolCalls);
    for (const event of trace) expect(event.agent).toMatch(/^main(\/sub-\d+)*$/);
    if (ref.startsWith("multi-agent"))
      expect(trace.some((event) => event.agent === "main/sub-1" && event.type === "tool")).toBe(true);
  });

  it("stays within maxTurns and reports why it stopped", async () => {
    const { record } = await sample(ref, await multihop([6]), { limits: { maxTurns: 2 } });
    expect(record.modelCalls).toBeLessThanOrEqual(2);
    expect(["answered", "max_turns"]).toContain(record.stopReason);
    expect(record.error).toBeUndefined();
  });

  it("stops at the wall-time limit with stop reason timeout", async () => {
    const model = slowModel(createSimModel({ id: "sim:frontier", tier: "frontier" }, { seed: 1 }), 5_000);
    const { record, elapsedMs } = await sample(ref, await multihop([2]), { limits: { timeoutMs: 150 }, model });
    expect(record.stopReason).toBe("timeout");
    expect(elapsedMs).toBeLessThan(4_500); // cut at the limit, not after the model's 5 s
  });

  it("survives tools that fail: errors go back to the model, never a crash", async () => {
    const suite = await multihop([2]);
    const broken: Suite = {
      ...suite,
      tools: (task, context) =>
        (suite.tools?.(task, context) ?? []).map((tool) => ({
          ...tool,
          execute: () => {
            throw new Error("the document index is offline");
          },
        })),
    };
    const { record, trace } = await sample(ref, broken);
    expect(STOP_REASONS).toContain(record.stopReason);
    expect(record.stopReason).not.toBe("harness_error");
    expect(record.error).toBeUndefined();
    const suiteToolEvents = trace.filter(
      (event) => event.type === "tool" && (event.call.name === "search" || event.call.name === "read"),
    );
    // Each call is an error result: the tool's own failure, or (for a malformed call, which
    // never reaches the tool) the argument check's.
    for (const event of suiteToolEvents)
      if (event.type === "tool")
        expect(event.result).toMatchObject({ isError: true, content: expect.stringMatching(/offline|argument/) });
    if (suiteToolEvents.length > 0)
      expect(suiteToolEvents.some((event) => event.type === "tool" && /offline/.test(event.result.content))).toBe(true);
  });
});
