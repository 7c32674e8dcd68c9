import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { builtinRegistry, createScorer, resolveConfig, UsageError } from "../src/index.js";
import { capbench, ROOT, tempDir } from "./cli-helpers.js";

// Every option of every built-in harness, scorer, suite and provider is checked at load: a wrong
// value is a usage error naming the file and the field, before any sample runs.

type JsonSchema = Record<string, unknown>;

/** A value the option's schema refuses, or undefined when it accepts anything. */
function wrongValue(schema: JsonSchema): unknown {
  if (Array.isArray(schema.enum)) return "no-such-value";
  if (schema.pattern === "^\\d+$") return "x";
  switch (schema.type) {
    case "boolean":
      return "yes";
    case "number":
    case "integer":
      return "abc";
    case "string":
      return schema.minLength ? "" : 42;
    case "array":
      return "not-a-list";
    case "object":
      return "not-an-object";
    default:
      return Array.isArray(schema.anyOf) ? { unexpected: true } : undefined;
  }
}

function optionsOf(schema: unknown): [string, JsonSchema][] {
  const json = z.toJSONSchema(schema as z.ZodType, { unrepresentable: "any", io: "input" }) as JsonSchema;
  return Object.entries((json.properties ?? {}) as Record<string, JsonSchema>);
}

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
}

const registry = builtinRegistry();
const resolve = (config: object) =>
  resolveConfig(config as never, {}, { configPath: "/work/capbench.config.yaml", cwd: "/work" });

describe("every built-in option is checked at load, naming the file and field", () => {
  it.each(
    registry
      .list("scorer")
      .flatMap((plugin) => optionsOf(plugin.options).map(([name, schema]) => [plugin.name, name, schema] as const)),
  )("scorer %s: option %s", (type, option, schema) => {
    const value = wrongValue(schema);
    if (value === undefined) return;
    const message = errorOf(() =>
      createScorer({ type, [option]: value }, { where: "plus.yaml: scorer", baseDir: ".", sandbox: { mode: "bwrap" } }),
    );
    expect(message).toContain(`plus.yaml: scorer.${option}: `);
  });

  it.each(
    registry
      .list("harness")
      .flatMap((plugin) => optionsOf(plugin.options).map(([name, schema]) => [plugin.name, name, schema] as const)),
  )("harness %s: option %s", (harness, option, schema) => {
    const value = wrongValue(schema);
    if (value === undefined) return;
    const message = errorOf(() => resolve({ harnesses: [`${harness}[${option}=${String(value)}]`] }));
    expect(message).toContain(
      `capbench.config.yaml: harnesses[0] "${harness}[${option}=${String(value)}]": options.${option}: `,
    );
  });

  it.each(
    registry
      .list("suite")
      .flatMap((plugin) => optionsOf(plugin.options).map(([name, schema]) => [plugin.name, name, schema] as const)),
  )("suite %s: option %s", (suite, option, schema) => {
    const value = wrongValue(schema);
    if (value === undefined) return;
    const message = errorOf(() => resolve({ suiteOptions: { [suite]: { [option]: value } } }));
    expect(message).toContain(`capbench.config.yaml: suiteOptions.${suite}.${option}: `);
  });

  it("model options: a typo gets a did-you-mean, a wrong type names the field", () => {
    const model = (options: object) => ({ models: [{ id: "openai:gpt-5-mini", tier: "low", options }] });
    expect(errorOf(() => resolve(model({ temprature: 0.2 })))).toMatch(
      /models\[0\]\.options: unknown key "temprature". Did you mean "temperature"\?/,
    );
    expect(errorOf(() => resolve(model({ temperature: "hot" })))).toContain(
      'models[0].options.temperature: expected number, received "hot"',
    );
    expect(errorOf(() => resolve({ models: ["opneai:gpt-5-mini"] }))).toMatch(
      /unknown model provider "opneai". Did you mean "openai"\?/,
    );
  });

  it("unknown names and keys get a did-you-mean", () => {
    expect(errorOf(() => resolve({ epoch: 2 }))).toMatch(/unknown key "epoch". Did you mean "epochs"\?/);
    expect(errorOf(() => resolve({ harnesses: ["mulit-agent"] }))).toMatch(
      /unknown harness "mulit-agent". Did you mean "multi-agent"\?/,
    );
    expect(errorOf(() => resolve({ harnesses: [{ harness: "agent", options: { contxt: "full" } }] }))).toMatch(
      /harnesses\[0\] "agent": options: unknown key "contxt". Did you mean "context"\?/,
    );
    expect(errorOf(() => resolve({ models: ["huge=sim:low"] }))).toContain(
      '"huge" in "huge=sim:low" is not a tier; write low=sim:low, mid=sim:low, frontier=sim:low',
    );
  });
});

describe("the CLI refuses bad input with exit 2 before any work", () => {
  it("a suite file's scorer options", () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "plus.yaml"),
      'name: plus\nscorer: { type: numeric, tolerance: "abc", extractt: first }\ntasks:\n  - { id: a, prompt: "2+3?", expected: 5 }\n',
    );
    const out = path.join(dir, "out");
    const result = capbench(["run", "--suite", "plus.yaml", "--models", "sim:low", "--no-progress", "--out", out], {
      cwd: dir,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('plus.yaml: scorer.tolerance: expected number, received "abc"');
    expect(result.stderr).toContain('plus.yaml: scorer: unknown key "extractt". Did you mean "extract"?');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it("an unknown workflow in a harness variant", () => {
    const dir = tempDir();
    const out = path.join(dir, "out");
    const result = capbench(["run", "--harness", "workflow[workflow=nope]", "--no-progress", "--out", out], {
      cwd: dir,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--harness "workflow[workflow=nope]": options.workflow: unknown workflow "nope"');
    expect(existsSync(out)).toBe(false);
  });

  it("a user's scorer module listed under plugins: is named by suites and its options are checked", () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "capbench.config.yaml"),
      `plugins: [${JSON.stringify(path.join(ROOT, "test/fixtures/plugins/within-scorer.ts"))}]\nsuites: [near.yaml]\nmodels: [sim:frontier]\n`,
    );
    const suite = (ratio: string) =>
      `name: near\nscorer: { type: within, ratio: ${ratio} }\ntasks:\n  - { id: a, prompt: "Sam has 3 apples. Sam buys 4 more apples. How many apples does Sam have at the end?", expected: 7 }\n`;
    writeFileSync(path.join(dir, "near.yaml"), suite('"wide"'));
    const bad = capbench(["run", "--no-progress", "--out", path.join(dir, "bad")], { cwd: dir });
    expect(bad.status, bad.stderr).toBe(2);
    expect(bad.stderr).toContain('near.yaml: scorer.ratio: expected number, received "wide"');
    writeFileSync(path.join(dir, "near.yaml"), suite("0.1"));
    const good = capbench(["run", "--no-progress", "--out", path.join(dir, "good")], { cwd: dir });
    expect(good.status, good.stderr).toBe(0);
  });
});
