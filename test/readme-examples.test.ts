import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
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

  it("the TypeScript config is typed: it type-checks, a wrong option does not, and it runs", () => {
    const code = block("// capbench.config.ts");
    // Against the built declarations (npm test builds first), so only these files are checked.
    const api = path.join(ROOT, "dist/src/index.js");
    const dir = mkdtempSync(path.join(ROOT, "test/.readme-config-"));
    try {
      const good = path.join(dir, "good.ts");
      const bad = path.join(dir, "bad.ts");
      writeFileSync(good, code.replace('from "capbench"', `from ${JSON.stringify(api)}`));
      writeFileSync(bad, readFileSync(good, "utf8").replace('context: "compact"', 'context: "compat"'));
      const checked = spawnSync(
        process.execPath,
        [
          path.join(ROOT, "node_modules/typescript/bin/tsc"),
          "--noEmit",
          "--strict",
          "--skipLibCheck",
          "--module",
          "nodenext",
          "--target",
          "es2023",
          good,
          bad,
        ],
        { cwd: ROOT, encoding: "utf8", timeout: 120_000 },
      );
      const errors = checked.stdout.split("\n").filter((line) => /error TS/.test(line));
      expect(errors.length, checked.stdout).toBeGreaterThan(0);
      expect(
        errors.every((line) => line.startsWith(path.relative(ROOT, bad))),
        checked.stdout,
      ).toBe(true);
      expect(checked.stdout).toContain(`Type '"compat"' is not assignable`);
      const runDir = tempDir();
      writeFileSync(
        path.join(runDir, "capbench.config.ts"),
        code.replace('from "capbench"', `from ${JSON.stringify(path.join(ROOT, "dist/src/index.js"))}`),
      );
      const result = capbench(["run", "--limit", "2", "--no-progress", "--out", path.join(runDir, "out")], {
        cwd: runDir,
      });
      expect(result.status, result.stderr).toBe(0);
      expect(new Set(readSampleFile(path.join(runDir, "out")).map((sample) => sample.harness))).toEqual(
        new Set(["prompt", "agent[context=compact,keep=3]"]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the scorer plug-in and the harness test run as written", async () => {
    const dir = tempDir();
    const api = JSON.stringify(path.join(ROOT, "dist/src/index.js"));
    const zod = JSON.stringify(createRequire(path.join(ROOT, "package.json")).resolve("zod"));
    writeFileSync(
      path.join(dir, "within.ts"),
      block("// within.ts").replace('from "capbench"', `from ${api}`).replace('from "zod"', `from ${zod}`),
    );
    writeFileSync(
      path.join(dir, "capbench.config.yaml"),
      "plugins: [./within.ts]\nsuites: [near.yaml]\nmodels: [sim:frontier]\n",
    );
    writeFileSync(
      path.join(dir, "near.yaml"),
      'name: near\nscorer: { type: within, ratio: 0.05 }\ntasks:\n  - { id: a, prompt: "What is 20 * 2?", expected: 40 }\n',
    );
    const result = capbench(["run", "--no-progress", "--out", path.join(dir, "out")], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(readSampleFile(path.join(dir, "out"))[0]!.score).toMatchObject({ pass: true });

    writeFileSync(path.join(dir, "my-harness.ts"), block("// my-harness.ts").replace('from "capbench"', `from ${api}`));
    writeFileSync(
      path.join(dir, "my-harness.test.ts"),
      block("// my-harness.test.ts")
        .replace('from "capbench"', `from ${api}`)
        .replace('"./my-harness.js"', '"./my-harness.ts"'),
    );
    const { createJiti } = await import("jiti");
    const lines: unknown[][] = [];
    const log = console.log;
    console.log = (...values: unknown[]) => void lines.push(values);
    try {
      await createJiti(import.meta.url, { moduleCache: false }).import(path.join(dir, "my-harness.test.ts"));
    } finally {
      console.log = log;
    }
    expect(lines[0]).toEqual(["Charles Babbage", "answered", 'Answer the task. End with a line "Answer: <answer>".']);
  });
});
