// The README's budget, plan-cost and adaptive examples run as written, offline, through the
// built CLI: a capped run stops partial with exit 3 and a resume with a higher cap completes it
// (paying for the rest at the config's prices); the plan prints its four costs; an adaptive run
// exits 0.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { capbench, readSampleFile, ROOT, tempDir } from "./cli-helpers.js";

const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((match) => match[2]!);

function block(marker: string): string {
  const found = blocks.find((text) => text.includes(marker));
  if (!found) throw new Error(`README has no code block containing ${marker}`);
  return found;
}

/** The `npx capbench …` lines of a block, continuation lines joined, comments dropped, as argv. */
function commands(text: string): string[][] {
  return text
    .replace(/\\\n\s*/g, "")
    .split("\n")
    .filter((line) => line.startsWith("npx capbench "))
    .map((line) =>
      line
        .replace(/\s+#.*$/, "")
        .replace(/^npx capbench /, "")
        .split(/\s+/),
    );
}

describe("README: budgets, the plan's cost, adaptive runs", () => {
  it("a capped run on the priced ladder stops partial (exit 3); the resume with a higher cap completes it", () => {
    const cwd = tempDir("capbench-readme-budget-");
    writeFileSync(path.join(cwd, "priced-ladder.yaml"), block("# priced-ladder.yaml"));
    const [capped, resume] = commands(block("--max-cost 0.5"));
    expect(capped).toBeDefined();
    expect(resume).toBeDefined();
    const first = capbench([...capped!, "--no-progress", "--no-cache"], { cwd });
    expect(first.status, first.stderr).toBe(3);
    expect(first.stderr).toContain("budget reached");
    const out = path.join(cwd, "results/capped");
    const runJson = () => JSON.parse(readFileSync(path.join(out, "run.json"), "utf8")) as Record<string, unknown>;
    expect(runJson()).toMatchObject({ status: "partial", partialReason: "budget" });
    const spent = (runJson().budget as { spentUsd: number }).spentUsd;
    // The documented overshoot bound: at most what the samples in flight at the last start (at most
    // `concurrency`, 8 by default) cost beyond their estimates, so at most 8 × the dearest sample.
    const written = readSampleFile(out);
    const dearest = Math.max(...written.map((sample) => (sample.costUsd ?? 0) - (sample.replayedCostUsd ?? 0)));
    expect(dearest).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(0.5 + 8 * dearest);
    const second = capbench([...resume!, "--no-progress", "--no-cache"], { cwd });
    expect(second.status, second.stderr).toBe(0);
    expect(runJson()).toMatchObject({ status: "complete" });
    expect(readSampleFile(out)).toHaveLength(288);
    // The resume paid for the rest at the config's prices (run.json keeps them).
    expect((runJson().budget as { spentUsd: number }).spentUsd).toBeGreaterThan(spent * 2);
  }, 240_000);

  it("the plan prints the run's cost direct, with batch, with caching and both, offline", () => {
    const cwd = tempDir("capbench-readme-plan-cost-");
    const [plan] = commands(block("capbench plan --suite code"));
    const result = capbench([...plan!, "--no-cache"], { cwd });
    expect(result.status, result.stderr).toBe(0);
    for (const name of ["direct", "batch", "caching", "batch+caching"]) expect(result.stdout).toContain(`│ ${name} `);
    expect(result.stdout).toMatch(/--max-cost \$5\.00: the direct estimate is/);
  });

  it("the adaptive run exits 0 (on fewer tasks here, to keep the suite fast)", () => {
    const cwd = tempDir("capbench-readme-adaptive-");
    const [adaptive] = commands(block("--adaptive --out results/adaptive"));
    const result = capbench([...adaptive!, "--limit", "8", "--no-progress", "--no-cache"], { cwd });
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(cwd, "results/adaptive/summary.json"), "utf8")) as {
      adaptive?: { rounds: number };
    };
    expect(summary.adaptive?.rounds).toBe(4);
  }, 240_000);
});
