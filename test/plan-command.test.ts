// `capbench plan` end to end through the CLI entry point: offline, no keys, nothing sent; the
// plan's numbers checked against the arithmetic and against a pilot run with a known truth.
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunPlan } from "../src/analysis/plan-run.js";
import { syntheticHarness } from "../src/analysis/flag-monte-carlo.js";
import { writeSyntheticRun } from "../src/analysis/write-synthetic-run.js";
import { runCli } from "../src/cli/run-cli.js";
import { ROOT } from "./cli-helpers.js";

async function cli(argv: string[], cwd = tmpdir()) {
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

const LADDER = ["--models", "sim:low,sim:mid,sim:frontier"];

describe("capbench plan", () => {
  let pilot: string;
  let empty: string;
  beforeAll(async () => {
    pilot = await mkdtemp(join(tmpdir(), "capbench-pilot-"));
    empty = await mkdtemp(join(tmpdir(), "capbench-plan-cwd-"));
    // Two harnesses with the same success probability per task: the harness comparison has no
    // between-task variance, and one epoch's noise is 2 · E[p(1 − p)] = 2 · (0.25 − 0.4²/12) ≈ 0.473.
    await writeSyntheticRun(pilot, {
      runId: "pilot",
      seed: 2,
      specs: [
        {
          seed: 2,
          suite: "arith",
          tasks: 300,
          epochs: 4,
          models: [
            { id: "sim:low", tier: "low" },
            { id: "sim:frontier", tier: "frontier" },
          ],
          harnesses: [
            syntheticHarness("prompt", { low: 0.5, mid: 0.5, frontier: 0.5 }),
            syntheticHarness("workflow", { low: 0.5, mid: 0.5, frontier: 0.5 }),
          ],
        },
      ],
    });
  });
  afterAll(async () => {
    await rm(pilot, { recursive: true, force: true });
    await rm(empty, { recursive: true, force: true });
  });

  it("sizes the run offline: matrix, calls, cost or no price, MDEs and the flag tests", async () => {
    const { code, stdout, stderr } = await cli(
      ["plan", "--suite", "multihop", "--harness", "prompt,workflow,agent,multi-agent", ...LADDER, "--no-cache"],
      empty,
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^capbench plan \(nothing sent\): 288 samples = tasks \(multihop 24\) × 4 harnesses × 3 models × 1 epoch/,
    );
    expect(stdout).toContain("cost (direct) unknown: no price for sim:low, sim:mid, sim:frontier");
    expect(stdout).toContain("11–19 flag tests");
    expect(stdout).toContain("agent: 8 model calls per sample (assumed)");
    const json = await cli(
      [
        "plan",
        "--suite",
        "multihop",
        "--harness",
        "prompt,workflow,agent,multi-agent",
        ...LADDER,
        "--no-cache",
        "--json",
      ],
      empty,
    );
    const plan = JSON.parse(json.stdout) as RunPlan;
    expect(plan.matrix.samples).toBe(288);
    expect(plan.flagTests).toMatchObject({ least: 11, most: 19 });
    expect(plan.power.map((row) => row.comparison)).toEqual(["gain", "harness", "interaction"]);
    // Assumed variance 0.02 + 0.375 per epoch over 24 tasks: SE = √(0.395/24); MDE = (1.96 + 0.84)·SE.
    const gain = plan.power[0]!;
    expect(gain.standardError).toBeCloseTo(Math.sqrt(0.395 / 24), 12);
    expect(gain.mde).toBeCloseTo(2.801585 * Math.sqrt(0.395 / 24), 4);
  });

  it("says how many tasks or epochs reach a target MDE", async () => {
    const { stdout, code } = await cli(
      [
        "plan",
        "--suite",
        "arith",
        "--harness",
        "prompt,workflow",
        ...LADDER,
        "--no-cache",
        "--json",
        "--target-mde",
        "0.15",
      ],
      empty,
    );
    expect(code).toBe(0);
    const gain = (JSON.parse(stdout) as RunPlan).power.find((row) => row.comparison === "gain")!;
    // n = 0.395 · (2.8016 / 0.15)² = 137.8 → 138 tasks; at 32 tasks, epochs k with 0.02 + 0.375/k ≤ 32·(0.15/2.8016)².
    expect(gain.target).toMatchObject({ mde: 0.15, tasks: 138 });
    expect(gain.target!.epochs).toBe(Math.ceil(0.375 / (32 * (0.15 / 2.801585) ** 2 - 0.02)));
    expect(gain.target!.flagTasks).toBeGreaterThan(gain.target!.tasks);
  });

  it("takes calls, tokens and variances from a pilot run, and prices real models without keys", async () => {
    const { code, stdout, stderr } = await cli(
      [
        "plan",
        "--suite",
        "arith",
        "--limit",
        "10",
        "--harness",
        "prompt,workflow",
        "--models",
        "low=openai:gpt-4o-mini,frontier=openai:gpt-4o",
        "--epochs",
        "2",
        "--pilot",
        pilot,
        "--json",
      ],
      empty,
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as RunPlan;
    expect(plan.matrix.samples).toBe(80);
    // The pilot's samples: 1 call, 100 input and 20 output tokens each. 20 samples per (harness, model).
    const perMini = (100 * 0.15 + 20 * 0.6) / 1e6;
    const perFull = (100 * 2.5 + 20 * 10) / 1e6;
    expect(plan.totals.costUsd.direct!).toBeCloseTo(2 * 20 * (perMini + perFull), 12);
    expect(plan.cells.every((cell) => cell.source === "pilot (same harness, other model)")).toBe(true);
    const harness = plan.power.find((row) => row.comparison === "harness")!;
    expect(harness.source).toBe("pilot");
    expect(harness.components.withinTask).toBeGreaterThan(0.473 * 0.85);
    expect(harness.components.withinTask).toBeLessThan(0.473 * 1.15);
    expect(harness.components.betweenTasks).toBeLessThan(0.03);
  });

  it("runs the README's planning examples as written, offline and without keys", async () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const block = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
      .map((match) => match[1]!)
      .find((text) => text.includes("capbench plan --suite multihop"))!;
    const commands = block
      .replace(/\\\n\s*/g, "")
      .split("\n")
      .filter((line) => line.startsWith("npx capbench "));
    expect(commands).toHaveLength(3);
    const cwd = await mkdtemp(join(tmpdir(), "capbench-readme-plan-"));
    try {
      for (const command of commands) {
        const argv = command.replace(/^npx capbench /, "").split(/\s+/);
        const result = await cli(
          [...argv, ...(argv[0] === "run" ? ["--no-progress", "--no-cache"] : ["--no-cache"])],
          cwd,
        );
        expect(result.code, `${command}\n${result.stderr}`).toBe(0);
      }
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it("refuses --resume and a target outside (0, 1) with exit 2", async () => {
    expect((await cli(["plan", "--resume", pilot], empty)).code).toBe(2);
    const bad = await cli(["plan", ...LADDER, "--target-mde", "2"], empty);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--target-mde 2: must be a score difference between 0 and 1/);
  });
});
