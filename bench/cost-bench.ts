import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cacheShareByCell } from "../src/analysis/cache-share.js";
import { resolveConfig } from "../src/config/resolve-config.js";
import type { UserConfig } from "../src/config/config-schema.js";
import type { ConfigOverrides } from "../src/config/resolved-config.js";
import { costOf, priceOf } from "../src/models/prices.js";
import { run } from "../src/runner/run.js";
import type { SampleRecord } from "../src/types.js";
import { startAnthropicBatchServer } from "../test/servers/anthropic-batch-server.js";
import { PromptCacheModel } from "../test/servers/anthropic-prompt-cache.js";
import { startAnthropicServer } from "../test/servers/anthropic-server.js";
import { startOpenAIBatchServer } from "../test/servers/openai-batch-server.js";
import { simReplyHandler } from "../test/servers/sim-reply-handler.js";

// `npm run bench cost`: what batch mode and prompt caching save, against the local stand-ins
// of the providers' APIs (test/servers), each answering as a model of the simulated ladder so
// the harnesses run their real code on real answers. Costs are computed from the usage the
// stand-ins report, at the price table's list and batch prices. Figures, not assertions.

const BIN = fileURLToPath(new URL("../src/cli/bin.js", import.meta.url));
const KEY = "sk-bench-not-a-key";

function samplesOf(dir: string): SampleRecord[] {
  const file = path.join(dir, "samples.jsonl");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SampleRecord);
}

function cliRun(args: string[], env: NodeJS.ProcessEnv, onSpawn?: (kill: () => void) => void): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    onSpawn?.(() => child.kill("SIGKILL"));
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.on("exit", (status) => {
      clearTimeout(timer);
      resolve(status);
    });
  });
}

export interface BatchFigures {
  samples: number;
  directCostUsd: number;
  batchCostUsd: number;
  costRatio: number;
  directCallsDuringBatchRun: number;
  batchesCreated: number;
  scoresEqual: number;
  resume: {
    batchesBeforeKill: number;
    batchesCreatedByResume: number;
    samplesAfterResume: number;
    scoresEqual: number;
  };
}

/** Batch vs direct on arith (prompt and workflow) against both batch stand-ins; then a kill while polling and a resume. */
export async function batchFigures(limit = 20): Promise<BatchFigures> {
  const openai = await startOpenAIBatchServer({ handler: simReplyHandler("mid", { format: "openai" }) });
  const anthropic = await startAnthropicBatchServer({ handler: simReplyHandler("frontier", { format: "anthropic" }) });
  const dir = mkdtempSync(path.join(os.tmpdir(), "capbench-cost-bench-"));
  const env = {
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: `${openai.url}/v1`,
    ANTHROPIC_API_KEY: KEY,
    ANTHROPIC_BASE_URL: anthropic.url,
  };
  const user: UserConfig = {
    suites: ["arith"],
    harnesses: ["prompt", "workflow"],
    models: { mid: ["openai:gpt-5-mini"], frontier: ["anthropic:claude-sonnet-5"] },
    limit,
  };
  const runWith = async (name: string, overrides: ConfigOverrides) => {
    const config = resolveConfig(
      user,
      { out: path.join(dir, name), cacheDir: path.join(dir, `cache-${name}`), ...overrides },
      { configPath: null, cwd: dir },
    );
    await run({ config, cwd: dir, env });
    return samplesOf(path.join(dir, name));
  };
  const created = () => openai.createCalls + anthropic.createCalls;
  const directCalls = () => openai.directCalls + anthropic.directCalls;
  try {
    const direct = await runWith("direct", {});
    const before = directCalls();
    const batched = await runWith("batch", { batch: true, batchPollIntervalMs: 20 });
    const reference = new Map(direct.map((sample) => [sample.key, sample]));
    const equal = (samples: SampleRecord[]) =>
      samples.filter(
        (sample) => JSON.stringify(sample.score) === JSON.stringify(reference.get(sample.key)?.score ?? "missing"),
      ).length;
    const sum = (samples: SampleRecord[]) => samples.reduce((total, sample) => total + (sample.costUsd ?? 0), 0);
    const figures = {
      samples: batched.length,
      directCostUsd: sum(direct),
      batchCostUsd: sum(batched),
      costRatio: sum(batched) / sum(direct),
      directCallsDuringBatchRun: directCalls() - before,
      batchesCreated: created(),
      scoresEqual: equal(batched),
    };

    // A batch run of the prompt harness killed while polling, then resumed.
    openai.behaviour = { pollsToEnd: 1_000_000 };
    anthropic.behaviour = { pollsToEnd: 1_000_000 };
    const out = path.join(dir, "killed");
    const journal = path.join(out, "batches.jsonl");
    const createdBefore = created();
    const args = ["run", "--suite", "arith", "--harness", "prompt", "--limit", String(limit), "--no-progress"];
    const models = ["--models", "mid=openai:gpt-5-mini,frontier=anthropic:claude-sonnet-5"];
    let kill = () => {};
    const first = cliRun(
      [
        ...args,
        ...models,
        "--cache-dir",
        path.join(dir, "cache-killed"),
        "--out",
        out,
        "--batch",
        "--batch-poll-interval",
        "20",
      ],
      env,
      (k) => (kill = k),
    );
    for (let tries = 0; tries < 3000; tries++) {
      const journalled = existsSync(journal) ? readFileSync(journal, "utf8").split('"type":"created"').length - 1 : 0;
      if (journalled === 2 && openai.batches.at(-1)!.polls > 0 && anthropic.batches.at(-1)!.polls > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    kill();
    await first;
    const batchesBeforeKill = created() - createdBefore;
    openai.behaviour = { pollsToEnd: 2 };
    anthropic.behaviour = { pollsToEnd: 2 };
    const afterKill = created();
    await cliRun(["run", "--resume", out, "--no-progress", "--batch-poll-interval", "20"], env);
    const resumed = samplesOf(out);
    return {
      ...figures,
      resume: {
        batchesBeforeKill,
        batchesCreatedByResume: created() - afterKill,
        samplesAfterResume: resumed.length,
        scoresEqual: equal(resumed),
      },
    };
  } finally {
    await openai.close();
    await anthropic.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface CachingRow {
  hops: number;
  /** Mean model calls per trajectory. */
  calls: number;
  /** Input cost with caching ÷ without, per minimum cacheable length. */
  ratios: Record<string, number>;
  /** Share of input tokens read from the cache, per minimum. */
  shares: Record<string, number>;
}

/**
 * The agent on multihop at the frontier tier (anthropic:claude-sonnet-5 prices) with caching
 * on (the default) and off, through the Anthropic stand-in's cache accounting, answering as
 * sim:frontier. Both variants follow identical trajectories (the stand-in reads the request,
 * not its cache marks), so the ratio is the caching alone.
 */
export async function cachingFigures(minimums = [1024, 512, 0], levels = [2, 4, 6, 7, 8]): Promise<CachingRow[]> {
  const model = "anthropic:claude-sonnet-5";
  const price = priceOf({ id: model, tier: "frontier" })!;
  const inputCost = (sample: SampleRecord) => costOf({ ...sample.usage, outputTokens: 0 }, price)!;
  const rows = new Map<number, CachingRow>();
  for (const minTokens of minimums) {
    const cache = new PromptCacheModel({ minTokens });
    const server = await startAnthropicServer({
      handler: simReplyHandler("frontier", { format: "anthropic" }),
      promptCache: cache,
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), "capbench-cache-bench-"));
    try {
      const config = resolveConfig(
        {
          suites: ["multihop"],
          harnesses: ["agent", "agent[cache=off]"],
          models: { frontier: [model] },
          suiteOptions: { multihop: { levels, perLevel: 4 } },
        },
        { out: path.join(dir, "run"), cacheMode: "disabled" },
        { configPath: null, cwd: dir },
      );
      await run({ config, cwd: dir, env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url } });
      const samples = samplesOf(path.join(dir, "run"));
      for (const hops of levels) {
        const on = samples.filter((sample) => sample.harness === "agent" && sample.difficulty === hops);
        const off = samples.filter((sample) => sample.harness === "agent[cache=off]" && sample.difficulty === hops);
        const row = rows.get(hops) ?? {
          hops,
          calls: on.reduce((total, sample) => total + sample.modelCalls, 0) / on.length,
          ratios: {},
          shares: {},
        };
        const total = (list: SampleRecord[]) => list.reduce((sum, sample) => sum + inputCost(sample), 0);
        row.ratios[minTokens] = total(on) / total(off);
        row.shares[minTokens] = cacheShareByCell(on)[0]!.share ?? 0;
        rows.set(hops, row);
      }
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return [...rows.values()];
}
