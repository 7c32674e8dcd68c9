import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Summary } from "../src/analysis/summary-types.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SampleRecord } from "../src/types.js";
import { runCapbenchAsync, readSampleFile, tempDir } from "./cli-helpers.js";
import { type AnthropicBatchServer, startAnthropicBatchServer } from "./servers/anthropic-batch-server.js";
import type { BatchBehaviour } from "./servers/batch-simulator.js";
import { type OpenAIBatchServer, startOpenAIBatchServer } from "./servers/openai-batch-server.js";
import { simReplyHandler } from "./servers/sim-reply-handler.js";

// `capbench run --batch` (the built CLI) against the stand-ins of both batch APIs, each
// answering as a model of the simulated ladder so the scores are real: a batch run scores
// exactly like a direct run at half the cost with no direct call, requests that fail inside a
// batch are retried or recorded as errors (never scored), expired batches are sent again, a run
// killed while polling resumes onto its batches without creating one, and a re-run replays.

const MODELS = { mid: ["openai:gpt-5-mini"], frontier: ["anthropic:claude-sonnet-5"] };

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv, onSpawn?: (kill: () => void) => void) {
  return runCapbenchAsync(args, cwd, env, { timeoutMs: 110_000, ...(onSpawn ? { onSpawn } : {}) });
}

const byKey = (records: SampleRecord[]) => new Map(records.map((record) => [record.key, record]));
const sum = (records: SampleRecord[], pick: (record: SampleRecord) => number) =>
  records.reduce((total, record) => total + pick(record), 0);

describe("capbench run --batch against the OpenAI and Anthropic batch stand-ins", () => {
  let openai: OpenAIBatchServer;
  let anthropic: AnthropicBatchServer;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let direct: SampleRecord[];

  /** Sets both stand-ins' behaviour; `start` is the index the provider's next batch will have. */
  const setBehaviour = (behaviour: BatchBehaviour | ((start: number) => BatchBehaviour)) => {
    openai.behaviour = typeof behaviour === "function" ? behaviour(openai.batches.length) : { ...behaviour };
    anthropic.behaviour = typeof behaviour === "function" ? behaviour(anthropic.batches.length) : { ...behaviour };
  };
  const batches = () => openai.batches.length + anthropic.batches.length;
  const directCalls = () => openai.directCalls + anthropic.directCalls;
  const args = (out: string, cache: string, extra: string[] = [], harnesses = "prompt,workflow") => [
    "run",
    "--suite",
    "arith",
    "--harness",
    harnesses,
    "--limit",
    "6",
    "--no-progress",
    "--cache-dir",
    path.join(dir, cache),
    "--out",
    path.join(dir, out),
    ...extra,
  ];
  const batchArgs = ["--batch", "--batch-poll-interval", "10"];

  beforeAll(async () => {
    openai = await startOpenAIBatchServer({ handler: simReplyHandler("mid", { format: "openai" }) });
    anthropic = await startAnthropicBatchServer({ handler: simReplyHandler("frontier", { format: "anthropic" }) });
    env = {
      ANTHROPIC_API_KEY: "sk-test-SECRET123",
      ANTHROPIC_BASE_URL: anthropic.url,
      OPENAI_API_KEY: "sk-test-SECRET123",
      OPENAI_BASE_URL: `${openai.url}/v1`,
    };
    dir = tempDir("capbench-batch-e2e-");
    writeFileSync(path.join(dir, "capbench.config.json"), JSON.stringify({ models: MODELS }));
    // The reference: the same suite, directly, with a cache of its own.
    const reference = await runCli(args("direct", "cache-direct"), dir, env);
    expect(reference.status, reference.stderr).toBe(0);
    direct = readSampleFile(path.join(dir, "direct"));
    expect(batches()).toBe(0);
  });
  afterEach(() => setBehaviour({ pollsToEnd: 2 }));
  afterAll(async () => {
    await openai.close();
    await anthropic.close();
  });

  it("scores exactly like the direct run, at half its cost, with no direct call", async () => {
    setBehaviour({ pollsToEnd: 3 });
    const before = directCalls();
    const result = await runCli(args("batch", "cache-batch", batchArgs), dir, env);
    expect(result.status, result.stderr).toBe(0);
    expect(directCalls()).toBe(before);
    const samples = readSampleFile(path.join(dir, "batch"));
    expect(samples).toHaveLength(direct.length);
    const reference = byKey(direct);
    for (const sample of samples) {
      expect(sample.error).toBeUndefined();
      expect(sample.score, sample.key).toEqual(reference.get(sample.key)!.score);
      expect(sample.usage).toEqual(reference.get(sample.key)!.usage);
    }
    expect(sum(samples, (record) => record.costUsd!)).toBeCloseTo(0.5 * sum(direct, (record) => record.costUsd!), 10);
    // The list price is kept beside what was billed, so comparisons between harnesses (dominated,
    // the cost frontier) are not tilted by which harness could batch.
    for (const sample of samples) expect(sample.listCostUsd).toBeCloseTo(reference.get(sample.key)!.costUsd!, 12);
    const summary = JSON.parse(readFileSync(path.join(dir, "batch", "summary.json"), "utf8")) as Summary;
    const directSummary = JSON.parse(readFileSync(path.join(dir, "direct", "summary.json"), "utf8")) as Summary;
    for (const cell of summary.cells) {
      const twin = directSummary.cells.find((other) => other.harness === cell.harness && other.model === cell.model)!;
      expect(cell.cost.perTaskUsd).toBeCloseTo(0.5 * twin.cost.perTaskUsd!, 12);
      expect(cell.cost.perTaskListUsd).toBeCloseTo(twin.cost.perTaskListUsd!, 12);
    }
    // prompt: one batch per model; workflow (plan → solve → check): its steps in further batches.
    expect(batches()).toBeGreaterThanOrEqual(2);
    const journal = readFileSync(path.join(dir, "batch", "batches.jsonl"), "utf8");
    expect(journal).toContain('"type":"created"');
  });

  it("replays a finished batch run from the response cache: no batch, no call", async () => {
    const before = { batches: batches(), calls: openai.requestCount + anthropic.requestCount };
    const result = await runCli(args("replay", "cache-batch", batchArgs), dir, env);
    expect(result.status, result.stderr).toBe(0);
    expect(batches()).toBe(before.batches);
    expect(openai.requestCount + anthropic.requestCount).toBe(before.calls);
    const samples = readSampleFile(path.join(dir, "replay"));
    const original = byKey(readSampleFile(path.join(dir, "batch")));
    for (const sample of samples) {
      expect(sample.score).toEqual(original.get(sample.key)!.score);
      expect(sample.cachedCalls).toBe(sample.modelCalls);
      expect(sample.replayedCostUsd).toBeCloseTo(sample.costUsd!, 12);
    }
  });

  it("retries requests that failed inside a batch and records a request the provider refuses as an error", async () => {
    const reference = byKey(direct);
    // In each provider's first batch of this run, every other request fails with a 500.
    setBehaviour((start) => ({
      pollsToEnd: 2,
      outcome: ({ batchIndex, line }) =>
        batchIndex === start && line % 2 === 1 ? { status: 500, message: "overloaded" } : "succeeded",
    }));
    const before = { batches: batches(), direct: directCalls() };
    const result = await runCli(args("retry", "cache-retry", batchArgs, "prompt"), dir, env);
    expect(result.status, result.stderr).toBe(0);
    const samples = readSampleFile(path.join(dir, "retry"));
    for (const sample of samples) expect(sample.score).toEqual(reference.get(sample.key)!.score);
    expect(batches() - before.batches).toBe(4); // a first batch per model, then one with its failed half
    expect(directCalls()).toBe(before.direct);

    // batchRetry direct: the failed requests go out directly, once each.
    setBehaviour((start) => ({
      pollsToEnd: 2,
      outcome: ({ batchIndex, line }) =>
        batchIndex === start && line === 0 ? { status: 500, message: "overloaded" } : "succeeded",
    }));
    const viaDirect = await runCli(
      args("retry-direct", "cache-retry-direct", [...batchArgs, "--batch-retry", "direct"], "prompt"),
      dir,
      env,
    );
    expect(viaDirect.status, viaDirect.stderr).toBe(0);
    expect(directCalls() - before.direct).toBe(2); // line 0 of each model's batch
    for (const sample of readSampleFile(path.join(dir, "retry-direct")))
      expect(sample.score).toEqual(reference.get(sample.key)!.score);

    // A 400 inside a batch: the sample is an error, never a score.
    setBehaviour(() => ({
      pollsToEnd: 2,
      outcome: ({ line }) => (line === 1 ? { status: 400, message: "bad request" } : "succeeded"),
    }));
    const refused = await runCli(args("refused", "cache-refused", batchArgs, "prompt"), dir, env);
    expect(refused.status, refused.stderr).toBe(0);
    const errors = readSampleFile(path.join(dir, "refused")).filter((sample) => sample.error);
    expect(errors).toHaveLength(2);
    for (const sample of errors) {
      expect(sample.score).toBeNull();
      expect(sample.stopReason).toBe("provider_error");
      expect(sample.error?.status).toBe(400);
    }
  });

  it("sends the requests of an expired batch again", async () => {
    // Each provider's first batch of this run expires after answering two requests.
    setBehaviour((start) => ({ pollsToEnd: 2, expires: (index) => index === start, completedBeforeExpiry: 2 }));
    const first = { openai: openai.batches.length, anthropic: anthropic.batches.length };
    const result = await runCli(args("expired", "cache-expired", batchArgs, "prompt"), dir, env);
    expect(result.status, result.stderr).toBe(0);
    const samples = readSampleFile(path.join(dir, "expired"));
    const reference = byKey(direct);
    expect(samples.every((sample) => sample.error === undefined)).toBe(true);
    for (const sample of samples) expect(sample.score).toEqual(reference.get(sample.key)!.score);
    expect(openai.batches.slice(first.openai).map((batch) => batch.requests.length)).toEqual([6, 4]);
    expect(anthropic.batches.slice(first.anthropic).map((batch) => batch.requests.length)).toEqual([6, 4]);
  });

  it("resumes a run killed while polling onto its batches: no new batch, the same samples", async () => {
    setBehaviour({ pollsToEnd: 1_000_000 });
    const out = path.join(dir, "killed");
    const journalFile = path.join(out, "batches.jsonl");
    const before = { openai: openai.createCalls, anthropic: anthropic.createCalls };
    let kill: () => void = () => {};
    const first = runCli(args("killed", "cache-killed", batchArgs, "prompt"), dir, env, (k) => (kill = k));
    // Bounded wait until both batches are created, journalled and polled at least once.
    const polled = () =>
      openai.batches.length > 0 &&
      anthropic.batches.length > 0 &&
      openai.batches.at(-1)!.polls > 0 &&
      anthropic.batches.at(-1)!.polls > 0;
    for (let tries = 0; tries < 2000; tries++) {
      const created = existsSync(journalFile)
        ? readFileSync(journalFile, "utf8").split('"type":"created"').length - 1
        : 0;
      if (created === 2 && openai.createCalls > before.openai && anthropic.createCalls > before.anthropic && polled())
        break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    kill();
    const killed = await first;
    expect(killed.status).toBeNull(); // SIGKILL
    expect(existsSync(path.join(out, "samples.jsonl")) ? readSampleFile(out) : []).toHaveLength(0);
    const created = { openai: openai.createCalls, anthropic: anthropic.createCalls };
    expect(created.openai - before.openai).toBe(1);
    expect(created.anthropic - before.anthropic).toBe(1);

    setBehaviour({ pollsToEnd: 2 });
    const resumed = await runCli(["run", "--resume", out, "--no-progress", "--batch-poll-interval", "10"], dir, env);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect({ openai: openai.createCalls, anthropic: anthropic.createCalls }).toEqual(created);
    const samples = readSampleFile(out);
    const reference = byKey(direct.filter((record) => record.harness === "prompt"));
    expect(samples).toHaveLength(reference.size);
    for (const sample of samples) expect(sample.score).toEqual(reference.get(sample.key)!.score);
  });
});
