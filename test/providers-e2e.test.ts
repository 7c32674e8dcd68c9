import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCapbenchAsync, readSampleFile, tempDir } from "./cli-helpers.js";
import type { FakeServer } from "./servers/fake-server.js";
import { startAnthropicServer } from "./servers/anthropic-server.js";
import { startOllamaServer } from "./servers/ollama-server.js";
import { startOpenAIServer } from "./servers/openai-server.js";

// `capbench run` (built CLI) against the three local provider servers: usage and cost per
// sample, a second run served entirely from the cache, and a run under injected faults.
// The CLI runs as an async child so this process's servers can answer it.

const MODELS = { low: ["ollama:qwen2.5:7b"], mid: ["openai:gpt-5-mini"], frontier: ["anthropic:claude-sonnet-5"] };

// Answers arith questions wrongly but deterministically: the scores are real, whatever they are.
const reply = () => ({ text: "Let me think. The answer is 42." });

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return runCapbenchAsync(args, cwd, env, { timeoutMs: 110_000 });
}

describe("capbench run against Anthropic, OpenAI and Ollama servers", () => {
  let servers: FakeServer[] = [];
  let env: NodeJS.ProcessEnv;
  let dir: string;

  beforeAll(async () => {
    servers = [
      await startAnthropicServer({ handler: reply }),
      await startOpenAIServer({ handler: reply }),
      await startOllamaServer({ handler: reply }),
    ];
    const [anthropic, openai, ollama] = servers as [FakeServer, FakeServer, FakeServer];
    env = {
      ANTHROPIC_API_KEY: "sk-test-SECRET123",
      ANTHROPIC_BASE_URL: anthropic.url,
      OPENAI_API_KEY: "sk-test-SECRET123",
      OPENAI_BASE_URL: `${openai.url}/v1`,
      OLLAMA_HOST: ollama.url,
    };
    dir = tempDir();
    writeFileSync(path.join(dir, "capbench.config.json"), JSON.stringify({ models: MODELS }));
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  const requestCount = () => servers.reduce((sum, server) => sum + server.requestCount, 0);
  const baseArgs = (out: string) => [
    "run",
    "--suite",
    "arith",
    "--harness",
    "prompt",
    "--limit",
    "4",
    "--no-progress",
    "--cache-dir",
    path.join(dir, "cache"),
    "--out",
    out,
  ];

  it("records usage and cost per sample, then replays a second run from the cache", async () => {
    const first = await runCli(baseArgs(path.join(dir, "first")), dir, env);
    expect(first.status, first.stderr).toBe(0);
    const samples = readSampleFile(path.join(dir, "first"));
    expect(samples).toHaveLength(12);
    expect(requestCount()).toBe(12);
    for (const sample of samples) {
      expect(sample.error).toBeUndefined();
      expect(sample.score).not.toBeNull();
      expect(sample.usage.inputTokens).toBeGreaterThan(0);
      expect(sample.usage.outputTokens).toBeGreaterThan(0);
      expect(sample.cachedCalls).toBe(0);
      if (sample.model.startsWith("ollama:")) expect(sample.costUsd).toBeNull();
      else expect(sample.costUsd).toBeGreaterThan(0);
    }

    const second = await runCli(baseArgs(path.join(dir, "second")), dir, env);
    expect(second.status, second.stderr).toBe(0);
    expect(requestCount()).toBe(12); // nothing reached the servers
    const replayed = readSampleFile(path.join(dir, "second"));
    const scores = (records: typeof samples) => new Map(records.map((record) => [record.key, record.score?.value]));
    expect(scores(replayed)).toEqual(scores(samples));
    for (const sample of replayed) expect(sample.cachedCalls).toBeGreaterThan(0);

    const replayOnly = await runCli([...baseArgs(path.join(dir, "third")), "--cache-only"], dir, env);
    expect(replayOnly.status, replayOnly.stderr).toBe(0);
    expect(requestCount()).toBe(12);
    for (const output of [first, second, replayOnly]) expect(output.stdout + output.stderr).not.toContain("SECRET123");
  });

  it("completes a run under 20% injected faults: every sample scored or recorded as a provider error", async () => {
    const faulty = [
      await startAnthropicServer({
        handler: reply,
        seed: 3,
        faultRate: 0.2,
        faultKinds: [{ kind: "status", status: 429, retryAfterMs: 20 }, { kind: "overloaded" }, { kind: "reset" }],
      }),
      await startOpenAIServer({
        handler: reply,
        seed: 4,
        faultRate: 0.2,
        faultKinds: [
          { kind: "status", status: 429, retryAfter: 0 },
          { kind: "status", status: 500 },
          { kind: "reset" },
        ],
      }),
      await startOllamaServer({
        handler: reply,
        seed: 5,
        faultRate: 0.2,
        faultKinds: [{ kind: "status", status: 503 }, { kind: "reset" }],
      }),
    ];
    try {
      const [anthropic, openai, ollama] = faulty as [FakeServer, FakeServer, FakeServer];
      const faultEnv = {
        ...env,
        ANTHROPIC_BASE_URL: anthropic.url,
        OPENAI_BASE_URL: `${openai.url}/v1`,
        OLLAMA_HOST: ollama.url,
      };
      const out = path.join(dir, "faults");
      const result = await runCli(
        ["run", "--suite", "arith", "--harness", "prompt", "--limit", "8", "--no-progress", "--no-cache", "--out", out],
        dir,
        faultEnv,
      );
      expect(result.status, result.stderr).toBe(0);
      const samples = readSampleFile(out);
      expect(samples).toHaveLength(24);
      for (const sample of samples) {
        if (sample.error) {
          expect(sample.error.kind).toBe("provider");
          expect(sample.score).toBeNull();
        } else expect(sample.score).not.toBeNull();
      }
      expect(faulty.reduce((sum, server) => sum + server.faults.length, 0)).toBeGreaterThan(0);
    } finally {
      await Promise.all(faulty.map((server) => server.close()));
    }
  });
});
