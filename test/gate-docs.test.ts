// docs/ci.md must stay true: its YAML parses, its gate: config validates, and every capbench
// command in its workflows parses with the real CLI (handlers replaced, nothing runs).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "../src/cli/run-cli.js";
import { parseGateConfig } from "../src/gate/gate-rules.js";
import { ROOT } from "./cli-helpers.js";

const doc = readFileSync(path.join(ROOT, "docs/ci.md"), "utf8");
const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
  (match) => parse(match[1]!) as Record<string, unknown>,
);
const workflows = yamlBlocks.filter((block) => "jobs" in block) as {
  jobs: Record<string, { steps: { run?: string; uses?: string }[] }>;
}[];

/** The GitHub expressions the workflows use, as the runner would expand them on a pull request. */
function expand(command: string): string {
  return command
    .replace(/\$\{\{ matrix\.shard \}\}/g, "2")
    .replace(/\$\{\{ !inputs\.live && '--cache-only' \|\| '' \}\}/g, "--cache-only");
}

describe("docs/ci.md", () => {
  it("has a PR workflow, a baseline refresh and a sharded matrix, all valid YAML", () => {
    expect(workflows).toHaveLength(3);
    const uses = workflows.flatMap((workflow) =>
      Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.uses ?? "")),
    );
    for (const action of ["actions/cache@v4", "actions/upload-artifact@v4", "actions/download-artifact@v4"])
      expect(uses).toContain(action);
  });

  it("shows a gate: config that validates", () => {
    const config = yamlBlocks.find((block) => "gate" in block)!;
    const rules = parseGateConfig(config.gate, { file: "capbench.config.yaml", baseDir: ROOT });
    expect(rules.minScore).toHaveLength(2);
    expect(rules.requireScaling).toEqual(["prompt", "agent"]);
    expect(rules.baseline).toBe(path.join(ROOT, "ci/baseline/summary.json"));
  });

  it("uses only capbench commands and flags the CLI accepts", async () => {
    const commands = workflows
      .flatMap((workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? "")))
      .flatMap((script) => script.split("\n"))
      .map((line) => line.trim())
      .filter((line) => line.startsWith("npx capbench "));
    expect(commands.length).toBeGreaterThanOrEqual(7);
    expect(commands).toContain(
      "npx capbench run --shard ${{ matrix.shard }}/4 --out results/shard-${{ matrix.shard }}",
    );
    const seen: Record<string, unknown>[] = [];
    const capture = async (args: unknown) => {
      seen.push(args as Record<string, unknown>);
      return 0;
    };
    for (const command of commands) {
      let stderr = "";
      const argv = expand(command).split(/\s+/).slice(2);
      const io = {
        stdout: { write: () => true },
        stderr: { write: (text: string) => (stderr += text) },
        cwd: ROOT,
        env: {},
      };
      const code = await runCli(argv, io, { run: capture, gate: capture, merge: capture });
      expect(code, `${command}: ${stderr}`).toBe(0);
    }
    expect(seen.some((args) => args.cacheOnly === true)).toBe(true);
    expect(seen.some((args) => args.shard === "2/4")).toBe(true);
    expect(
      seen.some((args) => args.junit === "results/junit.xml" && args.baseline === "ci/baseline/summary.json"),
    ).toBe(true);
  });
});
