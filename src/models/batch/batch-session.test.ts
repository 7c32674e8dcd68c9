import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ProviderError } from "../../errors.js";
import type { Limits, ModelRequest, ModelResponse } from "../../types.js";
import { startAnthropicBatchServer } from "../../../test/servers/anthropic-batch-server.js";
import type { BatchBehaviour } from "../../../test/servers/batch-simulator.js";
import type { RecordedRequest, Reply } from "../../../test/servers/fake-server.js";
import { startOpenAIBatchServer } from "../../../test/servers/openai-batch-server.js";
import { PROVIDER_FIXTURES } from "../../../test/servers/provider-fixtures.js";
import { createModelClient } from "../create-model-client.js";
import { createBatchBackend } from "./create-batch-backend.js";
import { priceOf } from "../prices.js";
import { cacheKey } from "../response-cache.js";
import { BATCH_JOURNAL_FILE, BatchJournal } from "./batch-journal.js";
import { BatchSession, type BatchSessionOptions } from "./batch-session.js";

// The batch queue, journal and session through the real SDKs against the batch stand-ins of
// both providers: one shared suite, run for OpenAI Batch and Anthropic Message Batches.

const root = mkdtempSync(path.join(os.tmpdir(), "capbench-batch-session-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const FAST_RETRY = { initialDelayMs: 2, maxDelayMs: 10, maxRetries: 2 };
const LIMITS: Limits = { maxTurns: 5, maxTokens: 100_000, maxCostUsd: null, timeoutMs: 30_000 };
let counter = 0;

/** The model answers with the number in the question, doubled: a reply that depends on the request. */
function doubler(request: RecordedRequest): Reply {
  const text = JSON.stringify(request.body?.messages ?? []);
  const number = Number(/What is twice (\d+)\?/.exec(text)?.[1] ?? NaN);
  return { text: `Answer: ${number * 2}` };
}
const question = (number: number): ModelRequest => ({
  messages: [{ role: "user", content: `What is twice ${number}?` }],
  maxOutputTokens: 50,
});

const STAND_INS = [
  {
    provider: "openai" as const,
    start: (behaviour: Partial<BatchBehaviour>) => startOpenAIBatchServer({ handler: doubler, behaviour }),
  },
  {
    provider: "anthropic" as const,
    start: (behaviour: Partial<BatchBehaviour>) => startAnthropicBatchServer({ handler: doubler, behaviour }),
  },
];

describe.each(STAND_INS)("batch session over the $provider batch API", ({ provider, start }) => {
  const fixture = PROVIDER_FIXTURES.find((candidate) => candidate.provider === provider)!;
  let server: Awaited<ReturnType<typeof start>> | undefined;
  const sessions: BatchSession[] = [];
  afterEach(async () => {
    for (const session of sessions.splice(0)) session.close();
    await server?.close();
  });

  function setUp(dir: string, overrides: Partial<BatchSessionOptions> = {}) {
    const spec = fixture.spec({ baseURL: fixture.baseURL(server!) });
    const env = fixture.env(server!);
    const cache = { mode: "enabled" as const, dir: path.join(dir, "cache") };
    const client = createModelClient(spec, { seed: 1, cache, env, retry: FAST_RETRY });
    const session = new BatchSession({
      dir,
      models: [{ spec, client, price: priceOf(spec) }],
      env,
      cache,
      pollIntervalMs: 5,
      retryMode: "batch",
      directConcurrency: 2,
      retry: FAST_RETRY,
      idleMs: 30,
      ...overrides,
    });
    sessions.push(session);
    /** Runs `count` batched samples, one call each; settles every call. */
    const ask = async (numbers: number[]) => {
      const admitted = await Promise.all(
        numbers.map((number, index) =>
          session.admit({ key: `s|${number}|${index}`, harness: "prompt", model: client, limits: LIMITS }),
        ),
      );
      const outcomes = await Promise.allSettled(
        admitted.map((sample, index) => sample.model.generate(question(numbers[index]!), { epoch: 0, ordinal: 0 })),
      );
      for (const sample of admitted) sample.release();
      return outcomes;
    };
    return { session, client, spec, env, cache, ask };
  }

  const newDir = () => {
    const dir = path.join(root, `${provider}-${++counter}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  const journal = (dir: string) =>
    existsSync(path.join(dir, BATCH_JOURNAL_FILE))
      ? readFileSync(path.join(dir, BATCH_JOURNAL_FILE), "utf8")
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line) as { type: string })
      : [];
  const steps = (...types: string[]) =>
    provider === "openai" ? types.flatMap((type) => (type === "submit" ? ["submit", "uploaded"] : [type])) : types;
  const texts = (outcomes: PromiseSettledResult<ModelResponse>[]) =>
    outcomes.map((outcome) =>
      outcome.status === "fulfilled" ? outcome.value.text : `error: ${String(outcome.reason)}`,
    );

  it("answers every request from one batch, at batch billing, with no direct call, journalled", async () => {
    server = await start({ pollsToEnd: 3 });
    const dir = newDir();
    const { ask, session } = setUp(dir);
    const outcomes = await ask([1, 2, 3, 4, 5, 5]);
    expect(texts(outcomes)).toEqual(["Answer: 2", "Answer: 4", "Answer: 6", "Answer: 8", "Answer: 10", "Answer: 10"]);
    const responses = outcomes.map((outcome) => (outcome as PromiseFulfilledResult<ModelResponse>).value);
    expect(responses.every((response) => response.billing === "batch")).toBe(true);
    // The two identical requests shared one line: one was paid, the other is a replay.
    expect(responses.filter((response) => response.cached)).toHaveLength(1);
    expect(server.batches).toHaveLength(1);
    expect(server.batches[0]!.requests).toHaveLength(5);
    expect(server.directCalls).toBe(0);
    expect(journal(dir).map((entry) => entry.type)).toEqual(steps("submit", "created", "ended"));
    expect(session.progress()).toMatchObject({ submitted: 1, inProgress: 0, done: 1, queuedRequests: 0 });
    expect(session.inFlightCostUsd()).toBe(0);
  });

  it("retries requests that failed inside a batch in a new batch, and fails a 400 without retrying", async () => {
    server = await start({
      pollsToEnd: 2,
      outcome: ({ body, batchIndex }) => {
        const text = JSON.stringify(body);
        if (text.includes("twice 7?")) return { status: 400, message: "invalid request" };
        if (text.includes("twice 3?") && batchIndex === 0) return { status: 500, message: "internal error" };
        if (text.includes("twice 4?") && batchIndex === 0) return "malformed";
        return "succeeded";
      },
    });
    const { ask } = setUp(newDir());
    const outcomes = await ask([1, 3, 4, 7]);
    expect(texts(outcomes).slice(0, 3)).toEqual(["Answer: 2", "Answer: 6", "Answer: 8"]);
    const rejected = outcomes[3] as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ProviderError);
    expect((rejected.reason as ProviderError).status).toBe(400);
    expect(server.batches.map((batch) => batch.requests.length)).toEqual([4, 2]);
    expect(server.directCalls).toBe(0);
  });

  it("retries failed requests directly with batchRetry direct", async () => {
    server = await start({
      pollsToEnd: 2,
      outcome: ({ body }) =>
        JSON.stringify(body).includes("twice 3?") ? { status: 503, message: "busy" } : "succeeded",
    });
    const { ask } = setUp(newDir(), { retryMode: "direct" });
    const outcomes = await ask([1, 3]);
    expect(texts(outcomes)).toEqual(["Answer: 2", "Answer: 6"]);
    const retried = (outcomes[1] as PromiseFulfilledResult<ModelResponse>).value;
    expect(retried.billing).toBeUndefined(); // paid at list price
    expect(server.batches).toHaveLength(1);
    expect(server.directCalls).toBe(1);
  });

  it("sends the unfinished requests of an expired batch again, and gives up after maxAttempts", async () => {
    server = await start({ pollsToEnd: 2, expires: (index) => index < 3, completedBeforeExpiry: 1 });
    const { ask } = setUp(newDir(), { maxAttempts: 3 });
    const outcomes = await ask([1, 2, 3]);
    // Batch 1 answers line 0 and expires; batch 2 answers one more; batch 3 one more; then the last gives up.
    expect(texts(outcomes).filter((text) => text.startsWith("Answer"))).toHaveLength(3);
    expect(server.batches.map((batch) => batch.requests.length)).toEqual([3, 2, 1]);

    server.behaviour = { pollsToEnd: 2, expires: () => true, completedBeforeExpiry: 0 };
    const failed = await ask([9]);
    expect((failed[0] as PromiseRejectedResult).reason).toBeInstanceOf(ProviderError);
    expect(String((failed[0] as PromiseRejectedResult).reason)).toMatch(/expired|not run/);
    expect(server.batches).toHaveLength(6); // three attempts for the one request
  });

  it("puts results in the response cache under the direct key: a direct client replays them", async () => {
    server = await start({ pollsToEnd: 1 });
    const { ask, client } = setUp(newDir());
    await ask([21]);
    const before = server.requestCount;
    const replay = await client.generate(question(21), { epoch: 0, ordinal: 0 });
    expect(replay).toMatchObject({ text: "Answer: 42", cached: true, billing: "batch" });
    expect(server.requestCount).toBe(before);
  });

  it("re-attaches to a batch submitted by an earlier session instead of creating one", async () => {
    server = await start({ pollsToEnd: 1_000_000 });
    const dir = newDir();
    const first = setUp(dir, { cache: { mode: "disabled", dir: path.join(dir, "cache") } });
    const pending = first.ask([1, 2]);
    // Bounded wait for the batch to be created and journalled.
    for (let tries = 0; tries < 400 && !journal(dir).some((entry) => entry.type === "created"); tries++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    first.session.close(); // as if the process died while polling
    expect((await pending).every((outcome) => outcome.status === "rejected")).toBe(true);
    expect(server.batches).toHaveLength(1);

    server.behaviour = { pollsToEnd: 1 };
    const second = setUp(dir);
    expect(texts(await second.ask([1, 2]))).toEqual(["Answer: 2", "Answer: 4"]);
    expect(server.batches).toHaveLength(1);
    expect(server.createCalls).toBe(1);
  });

  it("finds a batch whose create reply was lost instead of creating a second one", async () => {
    server = await start({ pollsToEnd: 1, dropCreateReplies: 1 });
    const { ask } = setUp(newDir());
    expect(texts(await ask([4, 5]))).toEqual(["Answer: 8", "Answer: 10"]);
    expect(server.createCalls).toBe(1);
    expect(server.batches).toHaveLength(1);
  });

  it("on resume, adopts a batch journalled as submitted but never as created (crash between create and journal)", async () => {
    server = await start({ pollsToEnd: 1 });
    const dir = newDir();
    const { spec, env } = setUp(dir);
    const backend = createBatchBackend(spec, { env })!;
    // What a killed run left: the submit entry, and a batch at the provider whose id it never wrote.
    const keys = [6, 7].map((number) =>
      cacheKey({
        provider,
        model: backend.modelId,
        baseURL: backend.baseURL,
        body: backend.toWire(question(number)).body,
        epoch: 0,
        ordinal: 0,
      }),
    );
    const journalBefore = new BatchJournal(dir);
    journalBefore.append({
      type: "submit",
      localId: "crashed-1",
      endpoint: `${backend.provider}:${backend.modelId}@${backend.baseURL}`,
      at: Date.now(),
      requests: keys.map((customId) => ({ customId, epoch: 0, ordinal: 0 })),
    });
    journalBefore.close();
    await backend.create(
      [6, 7].map((number, index) => ({ customId: keys[index]!, body: backend.toWire(question(number)).body })),
      { localId: "crashed-1", signal: new AbortController().signal },
    );
    expect(server.createCalls).toBe(1);

    const resumed = setUp(dir);
    expect(texts(await resumed.ask([6, 7]))).toEqual(["Answer: 12", "Answer: 14"]);
    expect(server.createCalls).toBe(1);
    expect(journal(dir).map((entry) => entry.type)).toEqual(["submit", "created", "ended"]);
  });
});

describe.each(PROVIDER_FIXTURES.filter((fixture) => fixture.provider !== "ollama"))(
  "batch session against a $provider endpoint without a batch API",
  (fixture) => {
    it("sends the calls directly after the first 404, and says so once", async () => {
      const server = await fixture.start({ handler: doubler });
      const dir = mkdtempSync(path.join(root, "no-batch-"));
      try {
        const spec = fixture.spec({ baseURL: fixture.baseURL(server) });
        const env = fixture.env(server);
        const cache = { mode: "disabled" as const, dir: path.join(dir, "cache") };
        const client = createModelClient(spec, { seed: 1, cache, env, retry: FAST_RETRY });
        const notes: string[] = [];
        const session = new BatchSession({
          dir,
          models: [{ spec, client, price: priceOf(spec) }],
          env,
          cache,
          pollIntervalMs: 5,
          retryMode: "batch",
          directConcurrency: 2,
          retry: FAST_RETRY,
          idleMs: 20,
          onNote: (note) => notes.push(note),
        });
        const ask = async (number: number) => {
          const sample = await session.admit({ key: `k${number}`, harness: "prompt", model: client, limits: LIMITS });
          try {
            return await sample.model.generate(question(number), { epoch: 0, ordinal: 0 });
          } finally {
            sample.release();
          }
        };
        const first = await Promise.all([ask(1), ask(2)]);
        const later = await ask(3);
        expect([...first, later].map((response) => response.text)).toEqual(["Answer: 2", "Answer: 4", "Answer: 6"]);
        expect([...first, later].every((response) => response.billing === undefined)).toBe(true);
        expect(notes).toEqual([
          expect.stringMatching(/no batch API \(.*404.*\); its calls run directly at list price/),
        ]);
        session.close();
      } finally {
        await server.close();
      }
    });
  },
);
