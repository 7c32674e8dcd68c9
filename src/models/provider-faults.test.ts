import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ProviderError } from "../errors.js";
import type { ModelRequest } from "../types.js";
import { type FakeServer, MALFORMED_200_FAULTS, type RecordedRequest } from "../../test/servers/fake-server.js";
import { PROVIDER_FIXTURES } from "../../test/servers/provider-fixtures.js";
import { createModelClient, type ModelClientOptions } from "./create-model-client.js";
import type { RetryPolicy } from "./retry-policy.js";

// Faults are errors: every kind of HTTP 200 that does not parse into the provider's shape,
// through the real SDK, is retried like a 5xx, then a ProviderError; it is never returned as
// an answer and never enters the response cache.

const FAST_RETRY = { initialDelayMs: 2, maxDelayMs: 20 };
const request = (token: string): ModelRequest => ({ messages: [{ role: "user", content: `Echo ${token}` }] });

/** Answers the token in the prompt: a well-formed reply always carries the right answer. */
const echo = (recorded: RecordedRequest) => ({ text: /TOKEN-\d+/.exec(recorded.rawBody)?.[0] ?? "none" });

async function cachedTexts(dir: string): Promise<string[]> {
  const texts: string[] = [];
  for (const shard of await readdir(dir).catch(() => [])) {
    for (const file of await readdir(join(dir, shard)))
      texts.push(
        (JSON.parse(await readFile(join(dir, shard, file), "utf8")) as { response: { text: string } }).response.text,
      );
  }
  return texts;
}

describe.each(PROVIDER_FIXTURES)("$provider: malformed replies are faults", (fixture) => {
  let server: FakeServer;
  let cacheDir: string;
  const clientOptions = (retry: Partial<RetryPolicy>): ModelClientOptions => ({
    seed: 1,
    cache: { mode: "enabled", dir: cacheDir },
    env: fixture.env(server),
    retry: { ...FAST_RETRY, ...retry },
  });

  beforeEach(async () => {
    server = await fixture.start({ handler: echo });
    cacheDir = await mkdtemp(join(tmpdir(), "capbench-faults-"));
  });
  afterEach(async () => {
    await server.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it.each(MALFORMED_200_FAULTS.map((fault) => [fault.kind, fault] as const))(
    "%s: an error without retries, retried like a 5xx with them, never cached",
    async (_kind, fault) => {
      server.enqueueFaults(fault);
      const once = createModelClient(fixture.spec(), clientOptions({ maxRetries: 0 }));
      const failure = await once.generate(request("TOKEN-1")).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ProviderError);
      expect(failure).toMatchObject({ retryable: true, fatal: undefined });
      expect((failure as Error).message).toMatch(/malformed response/);
      expect(await cachedTexts(cacheDir)).toEqual([]);
      expect(once.health?.()).toMatchObject({ state: "ok", reached: true });

      server.enqueueFaults(fault);
      const retrying = createModelClient(fixture.spec(), clientOptions({ maxRetries: 1 }));
      const answered = await retrying.generate(request("TOKEN-2"));
      expect(answered).toMatchObject({ text: "TOKEN-2", cached: false });
      expect(server.requestCount).toBe(3);
      const replayed = await retrying.generate(request("TOKEN-2"));
      expect(replayed).toMatchObject({ text: "TOKEN-2", cached: true });
      expect(server.requestCount).toBe(3);
      // The first request's fault left nothing behind: asking again sends a request.
      expect((await retrying.generate(request("TOKEN-1"))).cached).toBe(false);
      expect(server.requestCount).toBe(4);
      expect((await cachedTexts(cacheDir)).sort()).toEqual(["TOKEN-1", "TOKEN-2"]);
    },
  );

  it("20% mixed malformed 200s: every call is the true answer or an error, and only true answers are cached", async () => {
    await server.close();
    server = await fixture.start({ handler: echo, seed: 11, faultRate: 0.2, faultKinds: MALFORMED_200_FAULTS });
    const tokens = Array.from({ length: 60 }, (_, index) => `TOKEN-${index}`);
    const client = createModelClient(fixture.spec({ concurrency: 8 }), clientOptions({ maxRetries: 1 }));
    const outcomes = await Promise.allSettled(tokens.map((token) => client.generate(request(token))));
    let errors = 0;
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.status === "fulfilled") expect(outcome.value.text).toBe(tokens[index]);
      else {
        errors += 1;
        expect(outcome.reason).toBeInstanceOf(ProviderError);
        expect((outcome.reason as Error).message).toMatch(/malformed response.*gave up after 2 attempts/);
      }
    }
    expect(server.faults.length).toBeGreaterThan(5);
    expect(server.requestCount).toBe(60 + server.faults.length - errors);
    const cached = await cachedTexts(cacheDir);
    expect(cached).toHaveLength(60 - errors);
    for (const text of cached) expect(tokens).toContain(text);

    // Against a healthy server: the answered calls replay, only the errored ones are sent.
    await server.close();
    server = await fixture.start({ handler: echo, port: Number(new URL(server.url).port) });
    const healthy = createModelClient(fixture.spec({ concurrency: 8 }), clientOptions({ maxRetries: 2 }));
    const again = await Promise.all(tokens.map((token) => healthy.generate(request(token))));
    expect(again.map((response) => response.text)).toEqual(tokens);
    expect(server.requestCount).toBe(errors);
    expect(again.filter((response) => !response.cached)).toHaveLength(errors);
  });

  it("a server that returns only garbage: every call errors, nothing is cached, a healthy re-run sends every request", async () => {
    await server.close();
    server = await fixture.start({ handler: echo, seed: 5, faultRate: 1, faultKinds: MALFORMED_200_FAULTS });
    const tokens = Array.from({ length: 20 }, (_, index) => `TOKEN-${index}`);
    const client = createModelClient(fixture.spec({ concurrency: 8 }), clientOptions({ maxRetries: 2 }));
    const outcomes = await Promise.allSettled(tokens.map((token) => client.generate(request(token))));
    for (const outcome of outcomes) {
      expect(outcome.status).toBe("rejected");
      if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(ProviderError);
    }
    expect(server.requestCount).toBe(60);
    expect(await cachedTexts(cacheDir)).toEqual([]);
    expect(client.health?.().state).toBe("ok"); // garbage is a fault, not a dead endpoint

    await server.close();
    server = await fixture.start({ handler: echo, port: Number(new URL(server.url).port) });
    const healthy = createModelClient(fixture.spec({ concurrency: 8 }), clientOptions({ maxRetries: 2 }));
    const again = await Promise.all(tokens.map((token) => healthy.generate(request(token))));
    expect(again.map((response) => response.text)).toEqual(tokens);
    expect(server.requestCount).toBe(20);
  });
});
