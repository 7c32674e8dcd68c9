import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { findConfig, loadConfigFile } from "./load-config.js";
import { loadSuite } from "./load-suite.js";
import { resolveConfig } from "./resolve-config.js";

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "capbench-config-"));
}

describe("config files", () => {
  it("loads YAML, JSON and TS configs found in the working directory", async () => {
    for (const [name, text] of [
      ["capbench.config.yaml", "epochs: 3\nmodels:\n  low: [sim:low]\n  frontier: [sim:frontier]\n"],
      ["capbench.config.json", '{"epochs": 3, "models": ["sim:low", "sim:frontier"]}'],
      [
        "capbench.config.ts",
        'const epochs: number = 3;\nexport default { epochs, models: ["sim:low", "sim:frontier"] };\n',
      ],
    ] as const) {
      const dir = tempDir();
      writeFileSync(path.join(dir, name), text);
      const found = findConfig(dir);
      expect(found).toBe(path.join(dir, name));
      const resolved = resolveConfig(await loadConfigFile(found!, dir), {}, { configPath: found, cwd: dir });
      expect(resolved.epochs).toBe(3);
      expect(resolved.models.map((model) => `${model.id}@${model.tier}`)).toEqual([
        "sim:low@low",
        "sim:frontier@frontier",
      ]);
    }
  });

  it("names the file and field of a bad value", async () => {
    const dir = tempDir();
    const file = path.join(dir, "capbench.config.yaml");
    writeFileSync(file, "epochs: 0\nmodels: [sim:low]\nlimits: { maxTurns: -1 }\n");
    const error = await loadConfigFile(file, dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain("capbench.config.yaml: epochs:");
    expect((error as Error).message).toContain("capbench.config.yaml: limits.maxTurns:");
  });

  it("rejects unknown keys (a typo is not silently ignored)", async () => {
    const dir = tempDir();
    const file = path.join(dir, "capbench.config.json");
    writeFileSync(file, '{"epoch": 2}');
    await expect(loadConfigFile(file, dir)).rejects.toThrow(/capbench.config.json: .*epoch/);
  });

  it("checks the analysis and gate sections at load time, naming the field", async () => {
    const dir = tempDir();
    const file = path.join(dir, "capbench.config.yaml");
    writeFileSync(file, "analysis: { thresholds: { alpha: 2 } }\n");
    await expect(loadConfigFile(file, dir)).rejects.toThrow(/^capbench.config.yaml: analysis.thresholds.alpha: /);
    writeFileSync(file, "gate: { minScore: [{ tier: top, min: 0.5 }] }\n");
    await expect(loadConfigFile(file, dir)).rejects.toThrow(/^capbench.config.yaml: gate.minScore\[0\].tier/);
    writeFileSync(file, "workflows: { mine: { steps: [{ kind: retrieve, rounds: 0 }, { kind: answer }] } }\n");
    await expect(loadConfigFile(file, dir)).rejects.toThrow(
      /^capbench.config.yaml: workflows.mine.steps\[0\].rounds: /,
    );
  });

  it("reports malformed YAML with the file name", async () => {
    const dir = tempDir();
    const file = path.join(dir, "capbench.config.yaml");
    writeFileSync(file, "models: [sim:low\n");
    await expect(loadConfigFile(file, dir)).rejects.toThrow(/^capbench.config.yaml: not valid YAML/);
  });

  it("requires a tier for models that are not simulated", () => {
    expect(() => resolveConfig({ models: ["openai:gpt-5-mini"] }, {}, { configPath: null, cwd: "/" })).toThrow(
      /--models\[0\]\.tier: required for "openai:gpt-5-mini"|models\[0\]\.tier/,
    );
  });

  it("takes tier=model on the command line", () => {
    const resolved = resolveConfig(
      {},
      { models: ["low=ollama:qwen2.5:7b", "frontier=anthropic:claude-sonnet-4-5", "sim:mid"] },
      { configPath: null, cwd: "/" },
    );
    expect(resolved.models.map((model) => `${model.tier}:${model.id}`)).toEqual([
      "low:ollama:qwen2.5:7b",
      "frontier:anthropic:claude-sonnet-4-5",
      "mid:sim:mid",
    ]);
    expect(() => resolveConfig({}, { models: ["openai:gpt-5"] }, { configPath: null, cwd: "/" })).toThrow(
      '--models[0].tier: required for "openai:gpt-5"; write low=openai:gpt-5 (or mid=, frontier=)',
    );
  });

  it("lets flags override the file", () => {
    const resolved = resolveConfig(
      { epochs: 3, seed: 5, harnesses: ["prompt"] },
      { epochs: 1, harnesses: ["prompt[cot=true]"] },
      { configPath: null, cwd: "/tmp" },
    );
    expect(resolved).toMatchObject({ epochs: 1, seed: 5, harnesses: ["prompt[cot=true]"], concurrency: 8 });
  });
});

describe("suite files", () => {
  const context = (dir: string) => ({
    cwd: dir,
    baseDir: dir,
    seed: 0,
    limit: null,
    sandbox: "bwrap" as const,
    suiteOptions: {},
  });

  it("loads a YAML suite", async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "capitals.yaml"),
      "name: capitals\nscorer: { type: exact }\ntasks:\n  - { id: fr, prompt: Capital of France?, expected: Paris }\n  - { id: pe, prompt: Capital of Peru?, expected: Lima, difficulty: 2 }\n",
    );
    const suite = await loadSuite("capitals.yaml", context(dir));
    expect(suite.name).toBe("capitals");
    expect(suite.tasks.map((task) => task.id)).toEqual(["fr", "pe"]);
    expect((await suite.scorer.score({ task: suite.tasks[1]!, answer: "lima" })).pass).toBe(true);
  });

  it("loads a JSONL suite with a header line", async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "sums.jsonl"),
      '{"name":"sums","scorer":{"type":"numeric"}}\n{"id":"a","prompt":"1+1?","expected":2}\n{"id":"b","prompt":"2+2?","expected":4}\n',
    );
    const suite = await loadSuite("sums.jsonl", context(dir));
    expect(suite.tasks).toHaveLength(2);
    expect(suite.scorer.name).toBe("numeric");
  });

  it("names the file, the task index and the field", async () => {
    const dir = tempDir();
    const tasks = Array.from(
      { length: 4 },
      (_, index) => `  - { id: t${index}, prompt: q${index}${index === 3 ? "" : ", expected: a"} }`,
    ).join("\n");
    writeFileSync(path.join(dir, "x.yaml"), `name: x\nscorer: { type: exact }\ntasks:\n${tasks}\n`);
    await expect(loadSuite("x.yaml", context(dir))).rejects.toThrow("x.yaml: tasks[3].expected: required");
  });

  it("rejects duplicate task ids and missing files", async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "d.yaml"),
      "name: d\nscorer: { type: exact }\ntasks:\n  - { id: a, prompt: q, expected: 1 }\n  - { id: a, prompt: q, expected: 1 }\n",
    );
    await expect(loadSuite("d.yaml", context(dir))).rejects.toThrow('d.yaml: tasks[1].id: duplicate id "a"');
    await expect(loadSuite("missing.yaml", context(dir))).rejects.toThrow("missing.yaml: file not found");
    await expect(loadSuite("nosuch", context(dir))).rejects.toThrow(/not a registered suite/);
  });

  it("generates the built-in arith suite from the seed, with difficulty 1 to 16", async () => {
    const dir = tempDir();
    const first = await loadSuite("arith", context(dir));
    const again = await loadSuite("arith", context(dir));
    const other = await loadSuite("arith", { ...context(dir), seed: 1 });
    expect(first.tasks).toEqual(again.tasks);
    expect(first.tasks.map((task) => task.prompt)).not.toEqual(other.tasks.map((task) => task.prompt));
    const difficulties = first.tasks.map((task) => task.difficulty!);
    expect(Math.min(...difficulties)).toBe(1);
    expect(Math.max(...difficulties)).toBe(16);
  });
});
