import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SampleRecord } from "../src/types.js";
import { readSampleFile, runCapbenchAsync, tempDir } from "./cli-helpers.js";
import { startAnthropicServer } from "./servers/anthropic-server.js";
import {
  type FakeServer,
  type FakeServerOptions,
  MALFORMED_200_FAULTS,
  type RecordedRequest,
} from "./servers/fake-server.js";
import { startOllamaServer } from "./servers/ollama-server.js";
import { startOpenAIServer } from "./servers/openai-server.js";

// Faults are errors, end to end: `capbench run` (built CLI) against the three provider servers
// sending malformed HTTP 200s (not JSON, HTML, empty, wrong content type, no choices or
// content, missing fields, an error envelope). Every well-formed reply is the right answer, so
// a sample is either a true verdict (score 1) or a provider error — a fault taken for an answer
// would show as a 0. Faults never enter the response cache: a re-run against healthy servers
// on the same ports sends exactly the requests that errored.

const TASKS = 30;
const STARTERS = [startAnthropicServer, startOpenAIServer, startOllamaServer];

/** Echoes the task's token: the correct answer. */
const echo = (request: RecordedRequest) => ({ text: `Answer: ${/TOKEN-\d+/.exec(request.rawBody)?.[0] ?? "none"}` });

async function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const { status, stdout, stderr } = await runCapbenchAsync(args, cwd, env, { timeoutMs: 110_000 });
  return { status, output: stdout + stderr };
}

function cachedTexts(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((shard) =>
    readdirSync(path.join(dir, shard)).map(
      (file) =>
        (JSON.parse(readFileSync(path.join(dir, shard, file), "utf8")) as { response: { text: string } }).response.text,
    ),
  );
}

describe("capbench run against servers that send malformed 200s", () => {
  let dir: string;
  let servers: FakeServer[] = [];

  beforeAll(() => {
    dir = tempDir();
    const header = { name: "echo", scorer: { type: "exact" } };
    const tasks = Array.from({ length: TASKS }, (_, index) => ({
      id: `t${index}`,
      prompt: `Reply with the token TOKEN-${index}.`,
      expected: `TOKEN-${index}`,
    }));
    writeFileSync(
      path.join(dir, "echo.jsonl"),
      [header, ...tasks].map((line) => JSON.stringify(line)).join("\n") + "\n",
    );
    writeFileSync(
      path.join(dir, "capbench.config.json"),
      JSON.stringify({
        models: { low: ["ollama:qwen2.5:7b"], mid: ["openai:gpt-5-mini"], frontier: ["anthropic:claude-sonnet-5"] },
      }),
    );
  });
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()));
    servers = [];
  });

  async function start(options: (index: number) => FakeServerOptions): Promise<NodeJS.ProcessEnv> {
    servers = await Promise.all(
      STARTERS.map((startServer, index) => startServer({ handler: echo, ...options(index) })),
    );
    const [anthropic, openai, ollama] = servers as [FakeServer, FakeServer, FakeServer];
    return {
      ANTHROPIC_API_KEY: "sk-test-SECRET123",
      ANTHROPIC_BASE_URL: anthropic.url,
      OPENAI_API_KEY: "sk-test-SECRET123",
      OPENAI_BASE_URL: `${openai.url}/v1`,
      OLLAMA_HOST: ollama.url,
    };
  }

  /** Healthy servers on the same ports (the cache key holds the base URL). */
  async function restartHealthy(): Promise<NodeJS.ProcessEnv> {
    const ports = servers.map((server) => Number(new URL(server.url).port));
    await Promise.all(servers.map((server) => server.close()));
    return start((index) => ({ port: ports[index] }));
  }

  const requests = () => servers.reduce((sum, server) => sum + server.requestCount, 0);
  const args = (out: string, limit = TASKS, epochs = 2) => [
    "run",
    "--suite",
    path.join(dir, "echo.jsonl"),
    "--harness",
    "prompt",
    "--limit",
    String(limit),
    "--epochs",
    String(epochs),
    "--no-progress",
    "--concurrency",
    "12",
    "--cache-dir",
    path.join(dir, `${path.basename(out)}-cache`),
    "--out",
    out,
  ];
  const isTrueVerdictOrError = (sample: SampleRecord) =>
    sample.error ? sample.error.kind === "provider" && sample.score === null : sample.score?.value === 1;

  it("20% mixed malformed 200s: 180 samples, each a true verdict or an error; a healthy re-run sends only the errored ones", async () => {
    const env = await start((index) => ({ seed: 20 + index, faultRate: 0.2, faultKinds: MALFORMED_200_FAULTS }));
    const out = path.join(dir, "mixed");
    const first = await runCli(args(out), dir, env);
    expect(first.status, first.output).toBe(0);
    const samples = readSampleFile(out);
    expect(samples).toHaveLength(TASKS * 3 * 2);
    expect(samples.filter((sample) => !isTrueVerdictOrError(sample))).toEqual([]);
    const faults = servers.reduce((sum, server) => sum + server.faults.length, 0);
    expect(faults).toBeGreaterThan(20);
    const errored = samples.filter((sample) => sample.error).length;
    const cached = cachedTexts(path.join(dir, "mixed-cache"));
    expect(cached).toHaveLength(samples.length - errored);
    for (const text of cached) expect(text).toMatch(/^Answer: TOKEN-\d+$/);

    const env2 = await restartHealthy();
    const again = await runCli(
      args(path.join(dir, "mixed-again")).map((arg) => arg.replace("mixed-again-cache", "mixed-cache")),
      dir,
      env2,
    );
    expect(again.status, again.output).toBe(0);
    expect(requests()).toBe(errored);
    const replayed = readSampleFile(path.join(dir, "mixed-again"));
    expect(replayed.every((sample) => sample.score?.value === 1)).toBe(true);
  }, 100_000);

  it("only garbage: every sample errors (exit 3), nothing is cached; a healthy re-run sends every request and scores", async () => {
    const env = await start((index) => ({ seed: 40 + index, faultRate: 1, faultKinds: MALFORMED_200_FAULTS }));
    const out = path.join(dir, "garbage");
    const first = await runCli(args(out, 4, 1), dir, env);
    expect(first.status, first.output).toBe(3);
    const samples = readSampleFile(out);
    expect(samples).toHaveLength(12);
    for (const sample of samples) {
      expect(sample.error?.kind).toBe("provider");
      expect(sample.error?.message).toMatch(/malformed response/);
      expect(sample.score).toBeNull();
    }
    expect(requests()).toBe(12 * 6); // the first attempt and 5 retries each
    expect(cachedTexts(path.join(dir, "garbage-cache"))).toEqual([]);

    const env2 = await restartHealthy();
    const again = await runCli(
      args(path.join(dir, "garbage-again"), 4, 1).map((arg) => arg.replace("garbage-again-cache", "garbage-cache")),
      dir,
      env2,
    );
    expect(again.status, again.output).toBe(0);
    expect(requests()).toBe(12);
    expect(readSampleFile(path.join(dir, "garbage-again")).every((sample) => sample.score?.value === 1)).toBe(true);
  }, 100_000);
});
