import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ProviderError } from "../errors.js";
import type { ModelRequest } from "../types.js";
import type { FakeServer } from "../../test/servers/fake-server.js";
import { PROVIDER_FIXTURES, TEST_KEY } from "../../test/servers/provider-fixtures.js";
import { createModelClient, type ModelClientOptions } from "./create-model-client.js";
import { costOf, priceOf } from "./prices.js";
import type { RetryPolicy } from "./retry-policy.js";

const FAST_RETRY = { initialDelayMs: 2, maxDelayMs: 20 };

const TEXT_REQUEST: ModelRequest = {
  system: "Be brief.",
  messages: [{ role: "user", content: "What is 2+2?" }],
  maxOutputTokens: 100,
  temperature: 0.2,
};

const WEATHER_TOOL = {
  name: "get_weather",
  description: "Weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

const TOOL_REQUEST: ModelRequest = {
  messages: [
    { role: "user", content: "Weather in Paris and Rome?" },
    {
      role: "assistant",
      content: "",
      toolCalls: [
        { id: "call_1", name: "get_weather", arguments: { city: "Paris" } },
        { id: "call_2", name: "get_weather", arguments: { city: "Rome" } },
      ],
    },
    { role: "tool", toolCallId: "call_1", name: "get_weather", content: "18C" },
    { role: "tool", toolCallId: "call_2", name: "get_weather", content: "error: unavailable", isError: true },
  ],
  tools: [WEATHER_TOOL],
};

const EXPECTED_TEXT_BODY = {
  anthropic: {
    model: "claude-sonnet-5",
    max_tokens: 100,
    system: "Be brief.",
    messages: [{ role: "user", content: "What is 2+2?" }],
    temperature: 0.2,
  },
  openai: {
    model: "gpt-5-mini",
    messages: [
      { role: "system", content: "Be brief." },
      { role: "user", content: "What is 2+2?" },
    ],
    max_tokens: 100,
    temperature: 0.2,
  },
  ollama: {
    model: "qwen2.5:7b",
    messages: [
      { role: "system", content: "Be brief." },
      { role: "user", content: "What is 2+2?" },
    ],
    stream: false,
    options: { temperature: 0.2, num_predict: 100 },
  },
};

const EXPECTED_TOOL_BODY = {
  anthropic: {
    model: "claude-sonnet-5",
    max_tokens: 4096,
    messages: [
      { role: "user", content: "Weather in Paris and Rome?" },
      {
        role: "assistant",
        content: [
          { type: "tool_use", id: "call_1", name: "get_weather", input: { city: "Paris" } },
          { type: "tool_use", id: "call_2", name: "get_weather", input: { city: "Rome" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "call_1", content: "18C" },
          { type: "tool_result", tool_use_id: "call_2", content: "error: unavailable", is_error: true },
        ],
      },
    ],
    tools: [{ name: "get_weather", description: "Weather for a city", input_schema: WEATHER_TOOL.parameters }],
  },
  openai: {
    model: "gpt-5-mini",
    messages: [
      { role: "user", content: "Weather in Paris and Rome?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
          { id: "call_2", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: "18C" },
      { role: "tool", tool_call_id: "call_2", content: "error: unavailable" },
    ],
    tools: [
      {
        type: "function",
        function: { name: "get_weather", description: "Weather for a city", parameters: WEATHER_TOOL.parameters },
      },
    ],
  },
  ollama: {
    model: "qwen2.5:7b",
    messages: [
      { role: "user", content: "Weather in Paris and Rome?" },
      {
        role: "assistant",
        content: "",
        tool_calls: [
          { function: { name: "get_weather", arguments: { city: "Paris" } } },
          { function: { name: "get_weather", arguments: { city: "Rome" } } },
        ],
      },
      { role: "tool", tool_name: "get_weather", content: "18C" },
      { role: "tool", tool_name: "get_weather", content: "error: unavailable" },
    ],
    stream: false,
    tools: [
      {
        type: "function",
        function: { name: "get_weather", description: "Weather for a city", parameters: WEATHER_TOOL.parameters },
      },
    ],
  },
};

describe.each(PROVIDER_FIXTURES)("$provider through its SDK", (fixture) => {
  let server: FakeServer;
  let cacheDir: string;
  const clientOptions = (
    mode: ModelClientOptions["cache"]["mode"] = "enabled",
    retry: Partial<RetryPolicy> = FAST_RETRY,
  ): ModelClientOptions => ({
    seed: 1,
    cache: { mode, dir: cacheDir },
    env: fixture.env(server),
    retry,
  });

  beforeEach(async () => {
    server = await fixture.start();
    cacheDir = await mkdtemp(join(tmpdir(), "capbench-cache-"));
  });
  afterEach(async () => {
    await server.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it("maps a text round trip both ways, with usage and cost", async () => {
    server.setHandler(() => ({ text: "4", usage: { input: 1200, output: 7, cacheRead: 1000 } }));
    const spec = fixture.spec();
    const client = createModelClient(spec, clientOptions());
    const response = await client.generate(TEXT_REQUEST, { epoch: 0 });
    expect(server.requestCount).toBe(1);
    expect(server.requests[0]?.body).toEqual(EXPECTED_TEXT_BODY[fixture.provider]);
    expect(response).toMatchObject({ text: "4", toolCalls: [], finishReason: "stop", cached: false, warnings: [] });
    expect(response.latencyMs).toBeGreaterThan(0);
    const price = priceOf(spec);
    if (fixture.provider === "anthropic") {
      // input_tokens excludes cache reads on the wire; capbench counts all input
      expect(response.usage).toEqual({
        inputTokens: 2200,
        outputTokens: 7,
        cacheReadTokens: 1000,
        cacheWriteTokens: 0,
      });
      expect(costOf(response.usage, price)).toBeCloseTo((1200 * 2 + 1000 * 0.2 + 7 * 10) / 1e6, 12);
    } else if (fixture.provider === "openai") {
      expect(response.usage).toEqual({
        inputTokens: 1200,
        outputTokens: 7,
        cacheReadTokens: 1000,
        cacheWriteTokens: 0,
      });
      expect(costOf(response.usage, price)).toBeCloseTo((200 * 0.25 + 1000 * 0.025 + 7 * 2) / 1e6, 12);
    } else {
      expect(response.usage).toEqual({ inputTokens: 1200, outputTokens: 7, cacheReadTokens: 0, cacheWriteTokens: 0 });
      expect(price).toBeNull();
      expect(costOf(response.usage, price)).toBeNull();
    }
    if (fixture.provider === "anthropic") {
      // this SDK version sends the key as a bearer token
      expect(server.requests[0]?.headers["x-api-key"] ?? server.requests[0]?.headers.authorization).toContain(TEST_KEY);
      expect(server.requests[0]?.headers["anthropic-version"]).toBeTruthy();
    }
    if (fixture.provider === "openai") expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });

  it("maps tool specs, assistant tool calls and grouped tool results, and parses tool calls back", async () => {
    server.setHandler(() => ({
      toolCalls: [{ id: "toolu_9", name: "lookup", arguments: { query: "rain", limit: 3 } }],
    }));
    const client = createModelClient(fixture.spec(), clientOptions());
    const response = await client.generate(TOOL_REQUEST);
    expect(server.requests[0]?.body).toEqual(EXPECTED_TOOL_BODY[fixture.provider]);
    expect(response.finishReason).toBe("tool_calls");
    expect(response.toolCalls).toHaveLength(1);
    expect(response.toolCalls[0]).toMatchObject({ name: "lookup", arguments: { query: "rain", limit: 3 } });
    if (fixture.provider === "ollama") expect(response.toolCalls[0]?.id).toMatch(/^call_[0-9a-f]{12}_0$/);
    else expect(response.toolCalls[0]?.id).toBe("toolu_9");
  });

  it("passes known provider options through and turns the rest into warnings", async () => {
    const client = createModelClient(fixture.spec({ options: { top_p: 0.5, bogus_flag: true } }), clientOptions());
    const response = await client.generate({ ...TEXT_REQUEST, seed: 7 });
    const body = server.requests[0]?.body;
    expect(response.warnings).toContain(`${fixture.provider}: option "bogus_flag" is not supported and was ignored`);
    expect(JSON.stringify(body)).not.toContain("bogus_flag");
    if (fixture.provider === "anthropic") {
      expect(body).toMatchObject({ top_p: 0.5 });
      expect(body.seed).toBeUndefined();
      expect(response.warnings.some((warning) => warning.includes("seed"))).toBe(true);
    } else if (fixture.provider === "openai") expect(body).toMatchObject({ top_p: 0.5, seed: 7 });
    else expect(body.options).toEqual({ top_p: 0.5, temperature: 0.2, seed: 7, num_predict: 100 });
    const again = await client.generate({ ...TEXT_REQUEST, seed: 7 });
    expect(again.cached).toBe(true);
    expect(again.warnings).toEqual(response.warnings);
  });

  it("serves a second identical call from the cache, keys on the epoch, and replays with --cache-only", async () => {
    const client = createModelClient(fixture.spec(), clientOptions());
    const first = await client.generate(TEXT_REQUEST, { epoch: 0 });
    const second = await client.generate(TEXT_REQUEST, { epoch: 0 });
    expect(server.requestCount).toBe(1);
    expect(second).toMatchObject({
      text: first.text,
      usage: first.usage,
      finishReason: first.finishReason,
      cached: true,
    });
    await client.generate(TEXT_REQUEST, { epoch: 1 });
    expect(server.requestCount).toBe(2);
    const replay = createModelClient(fixture.spec(), clientOptions("only"));
    expect((await replay.generate(TEXT_REQUEST, { epoch: 1 })).cached).toBe(true);
    const miss = replay.generate({ ...TEXT_REQUEST, temperature: 0.9 }, { epoch: 0 });
    await expect(miss).rejects.toBeInstanceOf(ProviderError);
    await expect(miss).rejects.toThrow("cache miss (--cache-only)");
    const uncached = createModelClient(fixture.spec(), clientOptions("disabled"));
    expect((await uncached.generate(TEXT_REQUEST, { epoch: 0 })).cached).toBe(false);
    expect(server.requestCount).toBe(3);
  });

  it("never caches an error", async () => {
    server.setHandler(() => ({ error: { status: 400, message: "bad request body" } }));
    const client = createModelClient(fixture.spec(), clientOptions());
    const failure = await client.generate(TEXT_REQUEST).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ status: 400, retryable: false });
    expect((failure as Error).message).toContain("bad request body");
    expect(server.requestCount).toBe(1); // 400 is not retried
    server.setHandler(() => ({ text: "fine now" }));
    expect((await client.generate(TEXT_REQUEST)).text).toBe("fine now");
    expect(server.requestCount).toBe(2);
  });

  it("retries 429, 500, 529 overloaded, malformed JSON and dropped connections", async () => {
    server.enqueueFaults(
      { kind: "status", status: 429, retryAfterMs: 5 },
      { kind: "status", status: 500 },
      { kind: "overloaded" },
      { kind: "malformed" },
      { kind: "reset" },
    );
    const client = createModelClient(fixture.spec(), clientOptions("disabled", { ...FAST_RETRY, maxRetries: 5 }));
    const response = await client.generate(TEXT_REQUEST);
    expect(response.text).toBe("ok");
    expect(server.requestCount).toBe(6);
  });

  it("honours retry-after", async () => {
    server.enqueueFaults({ kind: "status", status: 429, retryAfter: 1 });
    const client = createModelClient(fixture.spec(), clientOptions("disabled", { initialDelayMs: 1, maxDelayMs: 1 }));
    const started = performance.now();
    await client.generate(TEXT_REQUEST);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requestCount).toBe(2);
  });

  it("gives up after the retries with a ProviderError carrying the last status and message", async () => {
    server.enqueueFaults(
      ...[1, 2, 3].map(() => ({ kind: "status" as const, status: 503, message: "upstream unavailable" })),
    );
    const client = createModelClient(fixture.spec(), clientOptions("enabled", { ...FAST_RETRY, maxRetries: 2 }));
    const failure = await client.generate(TEXT_REQUEST).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ status: 503, retryable: true });
    expect((failure as Error).message).toContain("upstream unavailable");
    expect((failure as Error).message).toContain("gave up after 3 attempts");
    expect(server.requestCount).toBe(3);
    await client.generate(TEXT_REQUEST); // the error was not cached
    expect(server.requestCount).toBe(4);
  });

  it("times out a slow response and retries it", async () => {
    server.enqueueFaults({ kind: "slow", delayMs: 1500 });
    const client = createModelClient(
      fixture.spec({ timeoutMs: 300 }),
      clientOptions("disabled", { ...FAST_RETRY, maxRetries: 1 }),
    );
    const before = server.requestCount;
    const started = performance.now();
    expect((await client.generate(TEXT_REQUEST)).text).toBe("ok");
    const elapsed = performance.now() - started;
    // Timed out, then answered by the retry: two requests, and no wait for the slow reply.
    expect(server.requestCount - before).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1500);
    server.enqueueFaults({ kind: "slow", delayMs: 1500 });
    const impatient = createModelClient(
      fixture.spec({ timeoutMs: 200 }),
      clientOptions("disabled", { ...FAST_RETRY, maxRetries: 0 }),
    );
    await expect(impatient.generate(TEXT_REQUEST)).rejects.toThrow(/timed out after 200 ms/);
  });

  it("completes a batch under 20% injected faults: every call succeeds or is a ProviderError with a status", async () => {
    await server.close();
    server = await fixture.start({
      seed: 7,
      faultRate: 0.2,
      faultKinds: [
        { kind: "status", status: 429, retryAfterMs: 3 },
        { kind: "status", status: 500 },
        { kind: "status", status: 502 },
        { kind: "reset" },
      ],
    });
    const client = createModelClient(
      fixture.spec({ concurrency: 8 }),
      clientOptions("disabled", { ...FAST_RETRY, maxRetries: 6 }),
    );
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, index) =>
        client.generate({ messages: [{ role: "user", content: `question ${index}` }] }),
      ),
    );
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") {
        expect(outcome.reason).toBeInstanceOf(ProviderError);
        expect((outcome.reason as ProviderError).message).toMatch(/HTTP \d{3}|connection failed/);
      } else expect(outcome.value.text).toBe("ok");
    }
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled").length).toBeGreaterThanOrEqual(58);
    expect(server.faults.length).toBeGreaterThan(5);
    expect(server.requestCount).toBe(60 + server.faults.length);
  });

  it("keeps the key and base-URL credentials out of error messages", async () => {
    server.setHandler((request) => ({
      error: {
        status: 401,
        message: `invalid key ${String(request.headers["x-api-key"] ?? request.headers.authorization)} at ${request.path}`,
      },
    }));
    const url = new URL(fixture.baseURL(server));
    url.username = "admin";
    url.password = "hunter2pass";
    url.searchParams.set("key", "querySECRET9");
    const spec = fixture.spec({ baseURL: url.toString(), apiKeyEnv: "CAPBENCH_TEST_KEY" });
    const client = createModelClient(spec, { ...clientOptions(), env: { CAPBENCH_TEST_KEY: TEST_KEY } });
    const failure = await client.generate(TEXT_REQUEST).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    const text = `${(failure as Error).message} ${String((failure as Error).cause)}`;
    for (const secret of ["SECRET123", "hunter2pass", "querySECRET9"]) expect(text).not.toContain(secret);
    expect(server.requests[0]?.headers.authorization ?? "").toMatch(/^(Basic|Bearer) /);
    // credentials moved from the URL into a header, never sent in the URL
    expect(server.requests[0]?.path).not.toContain("hunter2pass");

    const unreachable = createModelClient(
      fixture.spec({
        baseURL: "http://admin:hunter2pass@127.0.0.1:9/v1?key=querySECRET9",
        apiKeyEnv: "CAPBENCH_TEST_KEY",
      }),
      {
        ...clientOptions("disabled", { ...FAST_RETRY, maxRetries: 1 }),
        env: { CAPBENCH_TEST_KEY: TEST_KEY },
      },
    );
    const connectionFailure = await unreachable.generate(TEXT_REQUEST).catch((error: unknown) => error);
    expect(connectionFailure).toBeInstanceOf(ProviderError);
    expect((connectionFailure as Error).message).toMatch(/connection failed/);
    for (const secret of ["SECRET123", "hunter2pass", "querySECRET9"])
      expect((connectionFailure as Error).message).not.toContain(secret);
  });

  it("rejects with the caller's abort reason, not a ProviderError", async () => {
    server.enqueueFaults({ kind: "slow", delayMs: 2000 });
    const client = createModelClient(fixture.spec(), clientOptions("disabled"));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("run cancelled")), 100);
    await expect(client.generate(TEXT_REQUEST, { signal: controller.signal })).rejects.toThrow("run cancelled");
  });
});
