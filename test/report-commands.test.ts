// `capbench report DIR` and `capbench compare A B` end to end through the CLI entry point, on
// synthetic results directories with a known truth; plus what the renderers promise.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Summary } from "../src/analysis/summary-types.js";
import type { SyntheticHarness, SyntheticSpec } from "../src/analysis/synthetic-samples.js";
import { writeSyntheticRun } from "../src/analysis/write-synthetic-run.js";
import { runCli } from "../src/cli/run-cli.js";
import { renderMarkdown } from "../src/report/render-markdown.js";
import { renderTerminal } from "../src/report/render-terminal.js";
import type { Tier } from "../src/types.js";
import { writeDeadTierRun } from "./dead-tier-run.js";

const ladder = [
  { id: "sim:low", tier: "low" as const },
  { id: "sim:mid", tier: "mid" as const },
  { id: "sim:frontier", tier: "frontier" as const },
];
const harness = (
  name: string,
  byTier: Record<Tier, number>,
  costPerSample: number | null = null,
): SyntheticHarness => ({
  name,
  successProbability: (tier, task) => byTier[tier] + task.easiness * 0.3,
  costPerSample,
});
const spec = (seed: number, workflowFrontier: number): SyntheticSpec => ({
  seed,
  suite: "arith",
  tasks: 60,
  epochs: 2,
  models: ladder,
  harnesses: [
    harness("prompt", { low: 0.3, mid: 0.55, frontier: 0.8 }),
    harness("workflow", { low: 0.3, mid: 0.5, frontier: workflowFrontier }),
  ],
});

async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: tmpdir(),
    env: {},
  });
  return { code, stdout, stderr };
}

describe("capbench report and compare", () => {
  let before: string;
  let after: string;
  beforeAll(async () => {
    before = await mkdtemp(join(tmpdir(), "capbench-before-"));
    after = await mkdtemp(join(tmpdir(), "capbench-after-"));
    await writeSyntheticRun(before, { runId: "before", seed: 3, specs: [spec(3, 0.35)] });
    // Same tasks; workflow now scales at the frontier, prompt is unchanged.
    await writeSyntheticRun(after, { runId: "after", seed: 3, specs: [spec(4, 0.85)] });
  });
  afterAll(async () => {
    await rm(before, { recursive: true, force: true });
    await rm(after, { recursive: true, force: true });
  });

  it("rebuilds summary.json, report.md and report.html and prints the table", async () => {
    const { code, stdout, stderr } = await cli(["report", before]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("sim:frontier (frontier, simulated)");
    expect(stdout).toMatch(/⚑ flat: workflow on arith does not convert capability into score/);
    const summary = JSON.parse(await readFile(join(before, "summary.json"), "utf8")) as Summary;
    expect(summary.flags.map((flag) => flag.kind)).toEqual(["flat"]);
    expect(summary.cells).toHaveLength(6);
    expect(Object.keys(summary.cells[0]!.taskValues)).toHaveLength(60);
    expect((await stat(join(before, "report.html"))).size).toBeGreaterThan(10_000);
    const markdown = await readFile(join(before, "report.md"), "utf8");
    expect(markdown.indexOf("**1 bottleneck flag:**")).toBeLessThan(markdown.indexOf("<details>"));

    const json = await cli(["report", before, "--json", "--reducer", "pass@k", "--k", "2"]);
    expect(JSON.parse(json.stdout).options).toMatchObject({ reducer: "pass@k", k: 2 });
  });

  it("fails with exit 2 and names the file when the directory holds no samples", async () => {
    const empty = await mkdtemp(join(tmpdir(), "capbench-empty-"));
    const { code, stderr } = await cli(["report", empty]);
    await rm(empty, { recursive: true, force: true });
    expect(code).toBe(2);
    expect(stderr).toMatch(/samples\.jsonl: not found/);
  });

  it("compares two runs per cell with paired intervals", async () => {
    const { code, stdout } = await cli(["compare", before, after, "--json"]);
    expect(code).toBe(0);
    const comparison = JSON.parse(stdout);
    expect(comparison.cells).toHaveLength(6);
    const workflowFrontier = comparison.cells.find(
      (cell: { harness: string; tier: string }) => cell.harness === "workflow" && cell.tier === "frontier",
    );
    expect(workflowFrontier.tasks).toBe(60);
    expect(workflowFrontier.change).toBeGreaterThan(0.35);
    expect(workflowFrontier.significant).toBe(true);
    const promptLow = comparison.cells.find(
      (cell: { harness: string; tier: string }) => cell.harness === "prompt" && cell.tier === "low",
    );
    expect(promptLow.ci95[0]).toBeLessThan(0);
    expect(promptLow.ci95[1]).toBeGreaterThan(0);
    expect(comparison.flagsBefore).toEqual(["flat: arith / workflow"]);
    expect(comparison.flagsAfter).toEqual([]);

    const table = await cli(["compare", before, after]);
    expect(table.stdout).toContain("flags gone: flat: arith / workflow");
    expect(table.stdout).toMatch(/workflow.*sim:frontier \(frontier, simulated\).*better/);
  });
});

describe("a run that did not complete", () => {
  it("is labelled so in the table, report.md and the gate; a real model is never called simulated", async () => {
    const dir = await mkdtemp(join(tmpdir(), "capbench-incomplete-"));
    try {
      await writeDeadTierRun(dir, [
        harness("prompt", { low: 0.3, mid: 0.55, frontier: 0.8 }),
        harness("workflow", { low: 0.3, mid: 0.5, frontier: 0.5 }),
      ]);
      const { stdout, code } = await cli(["report", dir]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^⛔ INCOMPLETE RUN: A model, tier or harness produced no data/);
      expect(stdout).toContain("no data (20 errors)");
      expect(stdout).toContain("openai:gpt-5 (frontier)");
      expect(stdout).not.toContain("openai:gpt-5 (frontier, simulated)");
      expect(stdout).toMatch(/flags: none where data exist/);
      const markdown = await readFile(join(dir, "report.md"), "utf8");
      expect(markdown).toContain("> **⛔ Incomplete run.**");
      expect(markdown).not.toContain("**No bottleneck flags**");
      expect(markdown).toContain("| frontier |");
      expect(markdown).not.toContain("frontier (simulated)");
      expect(markdown).toContain("no scored samples at frontier (20 errors)");
      const summary = JSON.parse(await readFile(join(dir, "summary.json"), "utf8")) as Summary;
      expect(summary.run.status).toBe("incomplete");
      expect(summary.flagTests).toEqual([]); // no test without a top tier
      const gate = await cli(["gate", dir, "--max-error-rate", "1"]);
      expect(gate.code).toBe(1);
      expect(gate.stdout).toMatch(/^FAILED complete run: status incomplete/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("labels a partial run with its reason", async () => {
    const dir = await mkdtemp(join(tmpdir(), "capbench-partial-"));
    try {
      await writeDeadTierRun(dir, [harness("prompt", { low: 0.3, mid: 0.55, frontier: 0.8 })], {
        status: "partial",
        partialReason: "stopped by --max-cost",
      });
      const { stdout } = await cli(["report", dir]);
      expect(stdout).toMatch(/^⛔ PARTIAL RUN: Not every planned sample ran \(stopped by --max-cost\)/);
      expect(await readFile(join(dir, "report.md"), "utf8")).toContain("> **⛔ Partial run.**");
      expect((await cli(["gate", dir, "--max-error-rate", "1"])).stdout).toMatch(
        /^FAILED complete run: status partial .*stopped by --max-cost/m,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("renderers", () => {
  it("label simulated models and never show an unknown price as $0", async () => {
    const dir = await mkdtemp(join(tmpdir(), "capbench-render-"));
    try {
      await writeSyntheticRun(dir, { runId: "render", seed: 1, specs: [spec(1, 0.8)] });
      await cli(["report", dir]);
      const summary = JSON.parse(await readFile(join(dir, "summary.json"), "utf8")) as Summary;
      const markdown = renderMarkdown(summary);
      expect(markdown).toContain("| sim:low (simulated) | low |");
      expect(markdown).toContain("no price");
      expect(markdown).not.toContain("$0.00");
      expect(markdown).toContain("No priced cells: cost is unknown (no price).");
      const terminal = renderTerminal(summary);
      expect(terminal).toContain("sim:low (low, simulated)");
      expect(terminal).toContain("flags: none");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
