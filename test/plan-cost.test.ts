// `capbench plan`'s cost under each billing (issue 14 item 4): direct, with batch, with prompt
// caching, and both — per cell where each applies, from the assumptions or from a pilot's
// token counts, offline and without keys; checked against the price arithmetic.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticHarness } from "../src/analysis/flag-monte-carlo.js";
import { assumedCacheShares, cachePrice } from "../src/analysis/plan-cost-variants.js";
import { planCost } from "../src/analysis/plan-cost.js";
import type { RunPlan } from "../src/analysis/plan-run.js";
import { generateSyntheticSamples } from "../src/analysis/synthetic-samples.js";
import { runCli } from "../src/cli/run-cli.js";

async function cli(argv: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    env: {},
  });
  return { code, stdout, stderr };
}

// USD per million tokens, from src/models/prices.ts.
const MINI = { input: 0.25, output: 2, cacheRead: 0.025, cacheWrite: 0.25 };
const SONNET = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };
const MODELS = ["--models", "low=openai:gpt-5-mini,frontier=anthropic:claude-sonnet-4-5"];

function usd(tokens: { input: number; output: number; read?: number; write?: number }, price: typeof MINI): number {
  const read = tokens.read ?? 0;
  const write = tokens.write ?? 0;
  return (
    ((tokens.input - read - write) * price.input +
      tokens.output * price.output +
      read * price.cacheRead +
      write * price.cacheWrite) /
    1e6
  );
}

describe("plan cost: direct, batch, caching, both", () => {
  let cwd: string;
  let pilot: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), "capbench-plan-cost-"));
    // A pilot whose agent samples used the prompt cache: 8 calls, 8,000 input tokens of which
    // 6,000 were read from the cache and 1,500 written; prompt samples: 1 call, 1,000 in, 50 out.
    pilot = join(cwd, "pilot");
    await mkdir(pilot, { recursive: true });
    await writeFile(join(pilot, "run.json"), JSON.stringify({ runId: "pilot", config: { seed: 1 } }));
    const lines: string[] = [];
    for (const record of generateSyntheticSamples({
      seed: 1,
      suite: "multihop",
      tasks: 5,
      epochs: 1,
      models: [
        { id: "openai:gpt-5-mini", tier: "low" },
        { id: "anthropic:claude-sonnet-4-5", tier: "frontier" },
      ],
      harnesses: [
        syntheticHarness("prompt", { low: 0.3, mid: 0.5, frontier: 0.7 }),
        syntheticHarness("agent", { low: 0.3, mid: 0.5, frontier: 0.7 }),
      ],
    })) {
      const agent = record.harness === "agent";
      record.modelCalls = agent ? 8 : 1;
      record.usage = agent
        ? { inputTokens: 8000, outputTokens: 400, cacheReadTokens: 6000, cacheWriteTokens: 1500 }
        : { inputTokens: 1000, outputTokens: 50, cacheReadTokens: 0, cacheWriteTokens: 0 };
      lines.push(JSON.stringify(record));
    }
    await writeFile(join(pilot, "samples.jsonl"), `${lines.join("\n")}\n`);
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it("a context of c calls re-sending the last: (c − 1)/(c + 1) read, 2/(c + 1) written", () => {
    expect(assumedCacheShares(8)).toEqual({ read: 7 / 9, write: 2 / 9 });
    expect(assumedCacheShares(1)).toEqual({ read: 0, write: 1 });
    // Anthropic without cache rates in its price: reads 0.1×, writes 1.25× the input price.
    expect(cachePrice({ input: 2, output: 10 }, "anthropic:x")).toMatchObject({ cacheRead: 0.2, cacheWrite: 2.5 });
    expect(cachePrice({ input: 2, output: 10 }, "openai:x")).toMatchObject({ cacheRead: 2, cacheWrite: 2 });
    const tokens = { calls: 9, inputTokens: 9000, outputTokens: 100, cacheReadTokens: 0, cacheWriteTokens: 0 };
    expect(planCost(tokens, SONNET, { cachedInputShare: 7 / 9, cacheWriteShare: 2 / 9 })).toBeCloseTo(
      usd({ input: 9000, output: 100, read: 7000, write: 2000 }, SONNET),
      12,
    );
  });

  it("prices batch only for prompt/workflow and caching only for agent loops, on openai:/anthropic:, from the assumptions", async () => {
    const { code, stdout, stderr } = await cli(
      ["plan", "--suite", "arith", "--limit", "10", "--harness", "prompt,agent", ...MODELS, "--no-cache", "--json"],
      cwd,
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as RunPlan;
    expect(plan.variants).toEqual(["direct", "batch", "caching", "batch+caching"]);
    const cell = (harness: string, model: string) =>
      plan.cells.find((entry) => entry.harness === harness && entry.model === model)!;
    // Assumed: 1,500 input and 300 output tokens per call; prompt 1 call, agent 8 per sample; 10 samples a cell.
    const prompt = { input: 15_000, output: 3_000 };
    const agent = { input: 120_000, output: 24_000 };
    const agentCached = { ...agent, read: (agent.input * 7) / 9, write: (agent.input * 2) / 9 };
    for (const [model, price] of [
      ["openai:gpt-5-mini", MINI],
      ["anthropic:claude-sonnet-4-5", SONNET],
    ] as const) {
      expect(cell("prompt", model).costUsd.direct).toBeCloseTo(usd(prompt, price), 12);
      expect(cell("prompt", model).costUsd.batch).toBeCloseTo(usd(prompt, price) / 2, 12);
      expect(cell("prompt", model).costUsd.caching).toBeCloseTo(usd(prompt, price), 12);
      expect(cell("agent", model).costUsd.direct).toBeCloseTo(usd(agent, price), 12);
      expect(cell("agent", model).costUsd.batch).toBeCloseTo(usd(agent, price), 12);
      expect(cell("agent", model).costUsd.caching).toBeCloseTo(usd(agentCached, price), 12);
      expect(cell("agent", model).costUsd["batch+caching"]).toBeCloseTo(usd(agentCached, price), 12);
      expect(cell("prompt", model).costUsd["batch+caching"]).toBeCloseTo(usd(prompt, price) / 2, 12);
    }
    const sum = (name: string) => plan.cells.reduce((total, entry) => total + entry.costUsd[name]!, 0);
    for (const name of plan.variants) expect(plan.totals.costUsd[name]).toBeCloseTo(sum(name), 12);
    expect(plan.totals.costUsd["batch+caching"]!).toBeLessThan(plan.totals.costUsd.caching!);
    expect(plan.assumptions.join("\n")).toContain("prompt caching, agent: 78% of input read from the cache");

    const table = await cli(
      ["plan", "--suite", "arith", "--limit", "10", "--harness", "prompt,agent", ...MODELS, "--no-cache"],
      cwd,
    );
    expect(table.stdout).toMatch(/│ batch\+caching │ \$[\d.]+ +│ 0\.\d\d/);
    expect(table.stdout).toContain("at 50% of list price");
  });

  it("takes the cached share from a pilot that used the cache; a simulated or Ollama model gets neither", async () => {
    const { code, stdout } = await cli(
      [
        "plan",
        "--suite",
        "multihop",
        "--limit",
        "5",
        "--harness",
        "prompt,agent",
        ...MODELS,
        "--pilot",
        pilot,
        "--json",
      ],
      cwd,
    );
    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as RunPlan;
    const agent = plan.cells.find((entry) => entry.harness === "agent" && entry.model.startsWith("anthropic:"))!;
    expect(agent.source).toBe("pilot");
    const tokens = { input: 5 * 8000, output: 5 * 400 };
    // Direct bills every input token at the input price, whatever the pilot's cache did.
    expect(agent.costUsd.direct).toBeCloseTo(usd(tokens, SONNET), 12);
    expect(agent.costUsd.caching).toBeCloseTo(usd({ ...tokens, read: 5 * 6000, write: 5 * 1500 }, SONNET), 12);
    expect(plan.assumptions.join("\n")).not.toContain("prompt caching, agent");

    const offline = await cli(
      [
        "plan",
        "--suite",
        "arith",
        "--limit",
        "4",
        "--harness",
        "prompt,agent",
        "--models",
        "sim:low,sim:frontier",
        "--no-cache",
        "--json",
      ],
      cwd,
    );
    const simPlan = JSON.parse(offline.stdout) as RunPlan;
    expect(Object.values(simPlan.totals.costUsd)).toEqual([null, null, null, null]);
  });

  it("says whether the direct estimate fits a --max-cost", async () => {
    const { stdout } = await cli(
      [
        "plan",
        "--suite",
        "arith",
        "--limit",
        "10",
        "--harness",
        "prompt",
        ...MODELS,
        "--no-cache",
        "--max-cost",
        "0.001",
      ],
      cwd,
    );
    expect(stdout).toMatch(
      /--max-cost \$0\.0010: the direct estimate is over the cap by \$[\d.]+: the run would stop partial \(exit 3\) after about \d+% of its samples/,
    );
  });
});
