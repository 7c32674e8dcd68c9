import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { cacheShareByCell } from "../src/analysis/cache-share.js";
import { loadSuite } from "../src/config/load-suite.js";
import { createModelClient } from "../src/models/create-model-client.js";
import { costOf, priceOf } from "../src/models/prices.js";
import { resolveHarnessRef } from "../src/registry/resolve-harness-ref.js";
import { runSample, type SampleOutcome } from "../src/runner/run-sample.js";
import { PromptCacheModel } from "./servers/anthropic-prompt-cache.js";
import { startAnthropicServer } from "./servers/anthropic-server.js";
import type { FakeServer } from "./servers/fake-server.js";
import { PROVIDER_FIXTURES } from "./servers/provider-fixtures.js";
import { simReplyHandler } from "./servers/sim-reply-handler.js";

// The agent's prompt caching through the Anthropic SDK against the stand-in that accounts for
// the cache like the Messages API, answering as sim:frontier so the trajectories are the
// ladder's: with caching (the default) the same trajectories read most of their input from the
// cache, usage counts every input token either way, and the cost prices reads and writes.

const REPO = path.resolve(import.meta.dirname, "..");
const root = mkdtempSync(path.join(os.tmpdir(), "capbench-prompt-caching-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const fixture = PROVIDER_FIXTURES.find((candidate) => candidate.provider === "anthropic")!;

describe("prompt caching in the agent loop (Anthropic)", () => {
  let server: FakeServer | undefined;
  afterEach(async () => server?.close());

  async function runAgent(harnessRef: string, cache: PromptCacheModel): Promise<SampleOutcome[]> {
    server = await startAnthropicServer({
      handler: simReplyHandler("frontier", { format: "anthropic" }),
      promptCache: cache,
    });
    const spec = fixture.spec({ baseURL: fixture.baseURL(server) });
    const client = createModelClient(spec, {
      seed: 1,
      cache: { mode: "disabled", dir: path.join(root, "cache") },
      env: fixture.env(server),
      retry: { maxRetries: 0 },
    });
    const suite = await loadSuite("multihop", {
      cwd: REPO,
      baseDir: REPO,
      seed: 3,
      limit: null,
      sandbox: "unsafe-none",
      suiteOptions: { multihop: { levels: [6], perLevel: 2 } },
    });
    const harness = await resolveHarnessRef(harnessRef, { baseDir: REPO });
    const outcomes: SampleOutcome[] = [];
    for (const task of suite.tasks) {
      const outcome = await runSample(
        {
          key: `multihop|${task.id}|${harness.label}|${spec.id}|0`,
          suite,
          task,
          harness,
          model: { client, tier: spec.tier, price: priceOf(spec) },
          epoch: 0,
        },
        {
          limits: { maxTurns: 20, maxTokens: 200_000, maxCostUsd: null, timeoutMs: 30_000 },
          runSignal: new AbortController().signal,
          scratchRoot: root,
          seed: 1,
        },
      );
      outcomes.push(outcome!);
    }
    const breakpoints = server.requests.map((request) => (request.rawBody.match(/"cache_control"/g) ?? []).length);
    expect(Math.max(...breakpoints)).toBeLessThanOrEqual(4);
    if (harnessRef.includes("cache=off")) expect(Math.max(...breakpoints)).toBe(0);
    await server.close();
    server = undefined;
    return outcomes;
  }

  it("reads the agent's growing context from the cache, counts all input, and prices reads and writes", async () => {
    const on = await runAgent("agent", new PromptCacheModel({ minTokens: 256 }));
    const off = await runAgent("agent[cache=off]", new PromptCacheModel({ minTokens: 256 }));
    const price = priceOf(fixture.spec())!;
    for (const [index, cached] of on.entries()) {
      const plain = off[index]!;
      expect(cached.record.error).toBeUndefined();
      // The same trajectory either way: caching changes the bill, not the conversation.
      expect(cached.record.answer).toBe(plain.record.answer);
      expect(cached.record.modelCalls).toBe(plain.record.modelCalls);
      expect(cached.record.modelCalls).toBeGreaterThanOrEqual(5);
      // Usage.inputTokens counts every input token, read from the cache or not.
      expect(cached.record.usage.inputTokens).toBe(plain.record.usage.inputTokens);
      expect(plain.record.usage.cacheReadTokens).toBe(0);
      expect(plain.record.usage.cacheWriteTokens).toBe(0);
      expect(cached.record.usage.cacheReadTokens).toBeGreaterThan(cached.record.usage.inputTokens / 2);
      expect(cached.record.usage.cacheWriteTokens).toBeGreaterThan(0);
      expect(cached.record.costUsd).toBeCloseTo(costOf(cached.record.usage, price)!, 12);
      expect(cached.record.costUsd!).toBeLessThan(plain.record.costUsd!);
    }
    const [share] = cacheShareByCell(on.map((outcome) => outcome.record));
    expect(share!.share).toBeGreaterThan(0.5);
    expect(cacheShareByCell(off.map((outcome) => outcome.record))[0]!.share).toBe(0);
  });
});
