import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ProviderError } from "../errors.js";
import type { ModelRequest, ModelSpec } from "../types.js";
import { closedPort, type FakeServer } from "../../test/servers/fake-server.js";
import { PROVIDER_FIXTURES, TEST_KEY } from "../../test/servers/provider-fixtures.js";
import { createModelClient, type ModelClientOptions } from "./create-model-client.js";
import { DEFAULT_CIRCUIT_POLICY } from "./endpoint-health.js";

// Fail fast per endpoint, through the real SDKs: a refused key stops the endpoint after the
// requests already in flight; a closed port opens the circuit after a bounded number of
// connection attempts, whatever the number of calls; a probe after the cool-down closes it.

const request = (index: number): ModelRequest => ({ messages: [{ role: "user", content: `question ${index}` }] });
const KEY_VARIABLE = "CAPBENCH_TEST_KEY";

/** A fetch that counts the requests it is asked to make, whether or not they connect. */
function countingFetch(): { fetch: typeof fetch; readonly count: number } {
  let count = 0;
  return {
    fetch: (input, init) => {
      count += 1;
      return fetch(input, init);
    },
    get count() {
      return count;
    },
  };
}

describe.each(PROVIDER_FIXTURES)("$provider: fail fast per endpoint", (fixture) => {
  let server: FakeServer;
  let cacheDir: string;
  const spec = (overrides: Partial<ModelSpec> = {}) => fixture.spec({ apiKeyEnv: KEY_VARIABLE, ...overrides });
  const options = (overrides: Partial<ModelClientOptions> = {}): ModelClientOptions => ({
    seed: 1,
    cache: { mode: "disabled", dir: cacheDir },
    env: { ...fixture.env(server), [KEY_VARIABLE]: TEST_KEY },
    ...overrides,
  });

  beforeEach(async () => {
    server = await fixture.start();
    cacheDir = await mkdtemp(join(tmpdir(), "capbench-fail-fast-"));
  });
  afterEach(async () => {
    await server.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it("401: one request, then every call fails at once naming the model and the key's variable", async () => {
    server.setHandler(() => ({ error: { status: 401, message: "invalid api key" } }));
    const client = createModelClient(spec(), options());
    const failures: unknown[] = [];
    for (let index = 0; index < 10; index += 1)
      failures.push(await client.generate(request(index)).catch((error: unknown) => error));
    expect(server.requestCount).toBe(1);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(ProviderError);
      expect(failure).toMatchObject({ fatal: "auth", status: 401, retryable: false });
      const message = (failure as Error).message;
      expect(message).toContain(fixture.spec().id);
      expect(message).toContain(`check the key in ${KEY_VARIABLE}`);
      expect(message).not.toContain(TEST_KEY);
    }
    expect(client.health?.()).toMatchObject({ state: "dead", fatal: "auth", reached: true });
  });

  it("401 under concurrency: at most one request per call already in flight", async () => {
    server.setHandler(() => ({ error: { status: 401, message: "invalid api key" } }));
    const client = createModelClient(spec({ concurrency: 8 }), options());
    const outcomes = await Promise.allSettled(
      Array.from({ length: 32 }, (_, index) => client.generate(request(index))),
    );
    expect(server.requestCount).toBeGreaterThanOrEqual(1);
    expect(server.requestCount).toBeLessThanOrEqual(8);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe("rejected");
      if (outcome.status === "rejected") expect(outcome.reason).toMatchObject({ fatal: "auth" });
    }
  });

  it.each([32, 320])(
    "a closed port: %i calls end after a bounded number of connection attempts, all unreachable",
    async (calls) => {
      const port = await closedPort();
      const baseURL = `http://127.0.0.1:${port}${fixture.provider === "openai" ? "/v1" : ""}`;
      const counter = countingFetch();
      const concurrency = 8;
      const client = createModelClient(spec({ baseURL, concurrency }), options({ fetch: counter.fetch }));
      const outcomes = await Promise.allSettled(
        Array.from({ length: calls }, (_, index) => client.generate(request(index))),
      );
      for (const outcome of outcomes) {
        expect(outcome.status).toBe("rejected");
        if (outcome.status === "rejected") {
          expect(outcome.reason).toBeInstanceOf(ProviderError);
          expect(outcome.reason).toMatchObject({ fatal: "unreachable", retryable: false });
          expect((outcome.reason as Error).message).toContain(`${fixture.spec().id} at ${baseURL}: unreachable`);
        }
      }
      // Each counted failure is one generation of at most `concurrency` attempts in flight.
      expect(counter.count).toBeLessThanOrEqual((DEFAULT_CIRCUIT_POLICY.failuresToOpen + 1) * concurrency);
      expect(counter.count).toBeGreaterThanOrEqual(DEFAULT_CIRCUIT_POLICY.failuresToOpen);
      expect(client.health?.()).toMatchObject({ state: "open", fatal: "unreachable", reached: false });
      // Later calls send nothing until the cool-down (5 s) has passed.
      const before = counter.count;
      await expect(client.generate(request(99))).rejects.toMatchObject({ fatal: "unreachable" });
      expect(counter.count).toBe(before);
    },
  );

  it("a probe after the cool-down closes the circuit once the endpoint answers", async () => {
    const port = await closedPort();
    const baseURL = `http://127.0.0.1:${port}${fixture.provider === "openai" ? "/v1" : ""}`;
    const client = createModelClient(
      spec({ baseURL }),
      options({ retry: { initialDelayMs: 2, maxDelayMs: 5 }, circuit: { coolDownMs: 20 } }),
    );
    await expect(client.generate(request(0))).rejects.toMatchObject({ fatal: "unreachable" });
    await server.close();
    server = await fixture.start({ port });
    let answer: string | undefined;
    for (let tries = 0; tries < 100 && answer === undefined; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      answer = await client.generate(request(1)).then(
        (response) => response.text,
        () => undefined,
      );
    }
    expect(answer).toBe("ok");
    expect(client.health?.()).toMatchObject({ state: "ok", reached: true, consecutiveConnectionFailures: 0 });
  });

  it("a burst of dropped connections on an endpoint that answers is retried, not fatal", async () => {
    const client = createModelClient(spec(), options({ retry: { initialDelayMs: 2, maxDelayMs: 5, maxRetries: 8 } }));
    expect((await client.generate(request(0))).text).toBe("ok");
    server.enqueueFaults(...Array.from({ length: 7 }, () => ({ kind: "reset" as const })));
    expect((await client.generate(request(1))).text).toBe("ok");
    expect(server.requestCount).toBe(9);
    expect(client.health?.()).toMatchObject({ state: "ok", consecutiveConnectionFailures: 0 });
  });
});
