import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateArithTask } from "../../suites/arith/arith-suite.js";
import type { ModelRequest } from "../types.js";
import type { FakeServer } from "../../test/servers/fake-server.js";
import { PROVIDER_FIXTURES } from "../../test/servers/provider-fixtures.js";
import { createModelClient, type ModelClientOptions } from "./create-model-client.js";
import { createRequestOrdinals } from "./request-ordinals.js";
import { createSimModel } from "./sim/sim-model.js";

// Independent repeats, exact replays: the cache key holds the epoch and the ordinal (earlier
// identical requests in the sample), so N identical calls are N draws on a cold cache and the
// same N answers, in order, from a warm one.

const ask = (content: string): ModelRequest => ({ messages: [{ role: "user", content }] });

describe.each(PROVIDER_FIXTURES)("$provider: repeats within a sample", (fixture) => {
  let server: FakeServer;
  let cacheDir: string;
  const options = (): ModelClientOptions => ({
    seed: 1,
    cache: { mode: "enabled", dir: cacheDir },
    env: fixture.env(server),
    retry: { maxRetries: 0 },
  });

  beforeEach(async () => {
    let draws = 0;
    server = await fixture.start({ handler: () => ({ text: `draw ${++draws}` }) });
    cacheDir = await mkdtemp(join(tmpdir(), "capbench-ordinal-"));
  });
  afterEach(async () => {
    await server.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  /** 8 samples × 3 identical calls, with the ordinals a recording model would give them. */
  async function majorityOfThree(client: ReturnType<typeof createModelClient>) {
    const answers: string[][] = [];
    const cached: boolean[] = [];
    for (let sample = 0; sample < 8; sample += 1) {
      const ordinals = createRequestOrdinals();
      const votes: string[] = [];
      for (let call = 0; call < 3; call += 1) {
        const request = ask(`sample ${sample}: what is the answer?`);
        const response = await client.generate(request, { epoch: 0, ordinal: ordinals(request, 0) });
        votes.push(response.text);
        cached.push(response.cached);
      }
      answers.push(votes);
    }
    return { answers, cached };
  }

  it("24 calls (8 samples × 3 identical): 24 requests cold, 0 warm, the same answers in order", async () => {
    const cold = await majorityOfThree(createModelClient(fixture.spec(), options()));
    expect(server.requestCount).toBe(24);
    for (const votes of cold.answers) expect(new Set(votes).size).toBe(3);
    expect(cold.cached.every((cached) => !cached)).toBe(true);

    const warm = await majorityOfThree(createModelClient(fixture.spec(), options()));
    expect(server.requestCount).toBe(24);
    expect(warm.answers).toEqual(cold.answers);
    expect(warm.cached.every((cached) => cached)).toBe(true);
  });

  it("no ordinal is ordinal 0, and the epoch is a separate draw", async () => {
    const client = createModelClient(fixture.spec(), options());
    const first = await client.generate(ask("q"), { epoch: 0 });
    expect(await client.generate(ask("q"), { epoch: 0, ordinal: 0 })).toMatchObject({ text: first.text, cached: true });
    const otherEpoch = await client.generate(ask("q"), { epoch: 1, ordinal: 0 });
    expect(otherEpoch).toMatchObject({ cached: false });
    expect(otherEpoch.text).not.toBe(first.text);
    expect(server.requestCount).toBe(2);
  });
});

describe("request ordinals", () => {
  it("count identical requests per epoch, key order aside", () => {
    const ordinals = createRequestOrdinals();
    const request = { system: "s", messages: [{ role: "user" as const, content: "q" }] };
    const reordered = { messages: [{ content: "q", role: "user" as const }], system: "s" };
    expect([ordinals(request, 0), ordinals(reordered, 0), ordinals(request, 0)]).toEqual([0, 1, 2]);
    expect(ordinals(request, 1)).toBe(0);
    expect(ordinals(ask("other"), 0)).toBe(0);
    expect(createRequestOrdinals()(request, 0)).toBe(0);
  });
});

describe("simulated models and the ordinal", () => {
  const model = createSimModel({ id: "sim:low", tier: "low" }, { seed: 3 });
  const prompts = Array.from({ length: 30 }, (_, index) => generateArithTask(0, index, 12).prompt);
  const answers = (options: { ordinal?: number }) =>
    Promise.all(prompts.map(async (prompt) => (await model.generate(ask(prompt), { epoch: 0, ...options })).text));

  it("draw afresh for each ordinal, deterministically; ordinal 0 answers as before", async () => {
    const plain = await answers({});
    expect(await answers({ ordinal: 0 })).toEqual(plain);
    const second = await answers({ ordinal: 1 });
    const third = await answers({ ordinal: 2 });
    expect(await answers({ ordinal: 1 })).toEqual(second);
    const differing = (a: string[], b: string[]) => a.filter((text, index) => text !== b[index]).length;
    expect(differing(plain, second)).toBeGreaterThan(0);
    expect(differing(second, third)).toBeGreaterThan(0);
  });
});
