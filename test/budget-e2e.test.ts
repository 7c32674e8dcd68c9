// `--max-cost` end to end (the built CLI) against the local OpenAI stand-in with known prices:
// the run stops before the cap (never more than the documented overshoot), ends partial with
// exit 3 and a line that says what to do; a resume keeps the cap unless given a higher one, and
// with a higher one completes with exactly the samples of an uninterrupted run.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SampleRecord } from "../src/types.js";
import { runCapbenchAsync, readSampleFile, tempDir } from "./cli-helpers.js";
import type { FakeServer } from "./servers/fake-server.js";
import { startOpenAIServer } from "./servers/openai-server.js";

// 1,000 input and 100 output tokens per call, one call per prompt sample:
// gpt-5-nano ($0.05 / $0.40 per M) $0.00009 a sample, gpt-5-mini ($0.25 / $2) $0.00045.
const NANO = 0.00009;
const MINI = 0.00045;
const CAP = 0.002;

function capbench(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return runCapbenchAsync(args, cwd, env);
}

function runJson(dir: string): Record<string, unknown> & { config: Record<string, unknown> } {
  return JSON.parse(readFileSync(path.join(dir, "run.json"), "utf8")) as never;
}

function paid(samples: SampleRecord[]): number {
  return samples.reduce((total, sample) => total + (sample.costUsd ?? 0) - (sample.replayedCostUsd ?? 0), 0);
}

/** What a sample is, whichever session wrote it. */
function identity(sample: SampleRecord): string {
  return `${sample.key} ${sample.answer} ${sample.score?.value} ${sample.costUsd}`;
}

describe("--max-cost", () => {
  let server: FakeServer;
  let env: NodeJS.ProcessEnv;
  let cwd: string;
  const common = [
    "run",
    "--suite",
    "arith",
    "--limit",
    "10",
    "--harness",
    "prompt",
    "--models",
    "low=openai:gpt-5-nano,frontier=openai:gpt-5-mini",
    "--concurrency",
    "4",
    "--no-cache",
    "--no-progress",
  ];

  beforeAll(async () => {
    server = await startOpenAIServer({
      handler: (request) => ({
        text: `The answer is ${/\d+/.exec(String(request.body?.messages?.at(-1)?.content ?? ""))?.[0] ?? "0"}.`,
        usage: { input: 1000, output: 100 },
      }),
    });
    env = { OPENAI_API_KEY: "sk-test-BUDGET0123456789", OPENAI_BASE_URL: `${server.url}/v1` };
    cwd = tempDir();
  });
  afterAll(() => server.close());

  it("stops before the cap, ends partial with exit 3, and a resume with a higher cap completes the same run", async () => {
    const full = path.join(cwd, "full");
    const uninterrupted = await capbench([...common, "--out", full], cwd, env);
    expect(uninterrupted.status, uninterrupted.stderr).toBe(0);
    const reference = readSampleFile(full);
    expect(reference).toHaveLength(20);
    expect(paid(reference)).toBeCloseTo(10 * (NANO + MINI), 10);

    const out = path.join(cwd, "capped");
    const capped = await capbench([...common, "--max-cost", String(CAP), "--out", out], cwd, env);
    expect(capped.status, capped.stderr).toBe(3);
    expect(capped.stderr).toMatch(/budget reached: spent \$0\.00\d+ of the \$0\.0020 cap \(\$0\.000\d+ left/);
    expect(capped.stderr).toContain("continue with: capbench run --resume capped --max-cost <higher>");
    expect(capped.stderr).not.toMatch(/\n\s+at /);
    const info = runJson(out);
    expect(info).toMatchObject({ status: "partial", partialReason: "budget", budget: { maxCostUsd: CAP } });
    const first = readSampleFile(out);
    const spent = paid(first);
    expect((info.budget as { spentUsd: number }).spentUsd).toBeCloseTo(spent, 12);
    // The documented bound: the cap plus what the samples in flight at the last start cost beyond
    // their estimates — here (equal costs per model) at most one pilot per model, counted in full.
    expect(spent).toBeLessThanOrEqual(CAP + NANO + MINI + 1e-12);
    // ... and it stopped because the next sample no longer fit, not earlier.
    expect(spent + MINI).toBeGreaterThan(CAP);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(20);
    // The summary says the run is partial.
    expect(capped.stdout).toMatch(/partial/i);

    // A resume keeps the recorded cap: nothing fits, nothing new is sent.
    const before = server.requestCount;
    const same = await capbench(["run", "--resume", out, "--no-progress"], cwd, env);
    expect(same.status, same.stderr).toBe(3);
    expect(same.stderr).toContain("budget reached");
    expect(server.requestCount).toBe(before);
    expect(readSampleFile(out)).toHaveLength(first.length);

    // A higher cap: the run completes with exactly the samples of the uninterrupted one.
    const resumed = await capbench(["run", "--resume", out, "--max-cost", "1", "--no-progress"], cwd, env);
    expect(resumed.status, resumed.stderr).toBe(0);
    const after = runJson(out);
    expect(after.status).toBe("complete");
    expect(after.partialReason).toBeUndefined();
    expect(after.config.budget).toEqual({ maxCostUsd: 1 });
    const all = readSampleFile(out);
    expect(all.map(identity).sort()).toEqual(reference.map(identity).sort());
    expect(paid(all)).toBeCloseTo(paid(reference), 10);
  });

  it("refuses a cap that is not a positive amount (exit 2, nothing written)", async () => {
    const out = path.join(cwd, "bad");
    const result = await capbench([...common, "--max-cost", "0", "--out", out], cwd, env);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--max-cost: must be a positive amount in USD");
  });
});
