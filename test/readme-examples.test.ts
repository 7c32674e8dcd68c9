import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { capbench, readSampleFile, ROOT, tempDir } from "./cli-helpers.js";

// The README's examples must keep working: each fenced block with a file name comment is
// written out and run through the built CLI.
const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");

function block(marker: string): string {
  const blocks = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((match) => match[2]!);
  const found = blocks.find((text) => text.includes(marker));
  if (!found) throw new Error(`README has no code block containing ${marker}`);
  return found;
}

describe("README examples", () => {
  it("the YAML config runs as written", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "capbench.config.yaml"), block("# capbench.config.yaml"));
    const result = capbench(["run", "--limit", "4", "--no-progress", "--out", path.join(dir, "out")], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(new Set(readSampleFile(path.join(dir, "out")).map((sample) => sample.harness))).toEqual(
      new Set(["prompt", "prompt[cot=true]"]),
    );
  });

  it("the suite file and the TS suite load and run", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "capitals.yaml"), block("# capitals.yaml"));
    writeFileSync(
      path.join(dir, "doubling.ts"),
      block('name: "doubling"').replace(
        'from "capbench"',
        `from ${JSON.stringify(path.join(ROOT, "dist/src/index.js"))}`,
      ),
    );
    const result = capbench(
      [
        "run",
        "--suite",
        "capitals.yaml,doubling.ts",
        "--models",
        "sim:frontier",
        "--no-progress",
        "--out",
        path.join(dir, "out"),
      ],
      { cwd: dir },
    );
    expect(result.status, result.stderr).toBe(0);
    const samples = readSampleFile(path.join(dir, "out"));
    expect(samples.filter((sample) => sample.suite === "capitals")).toHaveLength(2);
    // The simulated models can do arithmetic: "What is 5 * 2?" is answered.
    expect(samples.filter((sample) => sample.suite === "doubling" && sample.score?.pass).length).toBeGreaterThan(5);
  });

  it("the library example runs", async () => {
    const code = block("import { run, resolveConfig }").replace(
      'from "capbench"',
      `from ${JSON.stringify(path.join(ROOT, "dist/src/index.js"))}`,
    );
    const dir = tempDir();
    const file = path.join(dir, "example.mjs");
    writeFileSync(
      file,
      code.replace(
        "console.log(outcome.summary.cells, outcome.summary.flags);",
        "console.log(JSON.stringify(outcome.summary.cells.map((cell) => cell.model)));",
      ),
    );
    const { spawnSync } = await import("node:child_process");
    const result = spawnSync(process.execPath, [file], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout.trim().split("\n").pop()!)).toEqual(["sim:low", "sim:frontier"]);
  });
});
