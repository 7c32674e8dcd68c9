import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSuite } from "../src/config/load-suite.js";
import { UsageError } from "../src/errors.js";
import type { Task } from "../src/types.js";
import { extractJson } from "./extract-json.js";
import { createScorer } from "../src/registry/create-scorer.js";

const context = { where: "suite.yaml: scorer", baseDir: ".", sandbox: { mode: "bwrap" as const } };
const person = {
  type: "object",
  required: ["name", "age"],
  properties: { name: { type: "string" }, age: { type: "integer", minimum: 0 } },
  additionalProperties: false,
};
const task = (expected: unknown = null): Task => ({ id: "t1", prompt: "Give a person as JSON", expected });
// `schema: null` scores without a spec schema.
const score = (answer: string, expected?: unknown, schema: unknown = person) =>
  createScorer({ type: "json-schema", ...(schema === null ? {} : { schema }) }, context).score({
    task: task(expected),
    answer,
  });

describe("json-schema scorer", () => {
  it("passes a whole-answer JSON value that matches the schema", async () => {
    expect(await score('{"name": "Ada", "age": 36}')).toMatchObject({
      value: 1,
      pass: true,
      explanation: "answer matches the schema",
    });
  });

  it("names the first failing JSON pointer and message", async () => {
    const wrongType = await score('{"name": "Ada", "age": "36"}');
    expect(wrongType).toMatchObject({ value: 0, pass: false });
    expect(wrongType.explanation).toBe("schema violation at /age: must be integer");
    expect((await score('{"name": "Ada"}')).explanation).toBe(
      "schema violation at /: must have required property 'age'",
    );
    expect((await score('{"name": "Ada", "age": 1, "x": 2}')).explanation).toBe(
      'schema violation at /: must NOT have additional properties ("x")',
    );
  });

  it("reads a ```json fenced block, or the first object that parses inside prose", async () => {
    const fenced = await score('Here you go:\n```json\n{"name": "Bo", "age": 4}\n```\nAnything else?');
    expect(fenced).toMatchObject({ pass: true, explanation: "fenced JSON matches the schema" });
    const embedded = await score('Sure {not json} the answer is {"name": "Cy", "note": "a } inside", "age": 9} done');
    expect(embedded.pass).toBe(false);
    expect(embedded.explanation).toContain("additional properties");
    expect((await score('I think {"name": "Cy", "age": 9}.')).explanation).toBe("embedded JSON matches the schema");
  });

  it("says when there is no JSON at all", async () => {
    const result = await score("My name is Ada and I am 36.");
    expect(result).toMatchObject({ value: 0, pass: false });
    expect(result.explanation).toMatch(/^no JSON found/);
  });

  it("takes a per-task schema from expected.schema, over the spec's", async () => {
    const list = { schema: { type: "array", items: { type: "number" }, minItems: 2 } };
    expect((await score("[1, 2, 3]", list)).pass).toBe(true);
    expect((await score("[1]", list)).explanation).toBe("schema violation at /: must NOT have fewer than 2 items");
    expect((await score('[1, "two"]', list, null)).explanation).toBe("schema violation at /1: must be number");
  });

  it("checks expected.equals after validation, ignoring key order", async () => {
    const equals = { equals: { age: 36, name: "Ada" } };
    expect((await score('{"name": "Ada", "age": 36}', equals)).pass).toBe(true);
    const other = await score('{"name": "Ada", "age": 37}', equals);
    expect(other.pass).toBe(false);
    expect(other.explanation).toContain('not equal to expected: got {"name":"Ada","age":37}');
    // Without any schema, only the JSON and the equality are checked.
    expect((await score('```\n[1, {"a": null}]\n```', { equals: [1, { a: null }] }, null)).pass).toBe(true);
  });

  it("refuses an invalid schema in the spec at creation, naming the field", () => {
    const create = () => createScorer({ type: "json-schema", schema: { type: "integr" } }, context);
    expect(create).toThrow(UsageError);
    expect(create).toThrow(/^suite.yaml: scorer.schema: invalid JSON Schema: /);
    expect(() => createScorer({ type: "json-schema", schema: "object" }, context)).toThrow(
      "suite.yaml: scorer.schema: invalid JSON Schema: must be a JSON Schema object",
    );
  });

  it("reports an invalid per-task schema as an error, not a score of 0", async () => {
    await expect(score("{}", { schema: { minimum: "x" } }, null)).rejects.toThrow(
      /task t1: expected.schema: invalid JSON Schema/,
    );
  });

  it("honours $schema: a 2020-12 prefixItems schema", async () => {
    const tuple = {
      schema: {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        type: "array",
        prefixItems: [{ type: "string" }, { type: "number" }],
        items: false,
      },
    };
    expect((await score('["a", 1]', tuple, null)).pass).toBe(true);
    expect((await score('["a", 1, 2]', tuple, null)).pass).toBe(false);
  });
});

describe("extractJson", () => {
  it("prefers the whole answer, then json fences, then other fences, then embedded values", () => {
    expect(extractJson(" 42 ")).toEqual({ found: true, value: 42, from: "answer" });
    expect(extractJson("```js\n[1]\n```\n```json\n[2]\n```")).toEqual({ found: true, value: [2], from: "fence" });
    expect(extractJson('see [1, "]", 2] and {"a": 1}')).toEqual({ found: true, value: [1, "]", 2], from: "embedded" });
    expect(extractJson("[unclosed {")).toEqual({ found: false });
  });
});

describe("the README's json-schema example", () => {
  it("loads as written and scores per-task equals and schemas", async () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, "../README.md"), "utf8");
    const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((match) => match[1]!)
      .find((text) => text.includes("# people.yaml"))!;
    const dir = mkdtempSync(path.join(os.tmpdir(), "capbench-json-schema-"));
    try {
      writeFileSync(path.join(dir, "people.yaml"), block);
      const suite = await loadSuite("people.yaml", {
        cwd: dir,
        baseDir: dir,
        seed: 0,
        limit: null,
        sandbox: "unsafe-none",
        suiteOptions: {},
      });
      const [ada, tags] = suite.tasks;
      expect(
        (await suite.scorer.score({ task: ada!, answer: '```json\n{"age": 36, "name": "Ada Lovelace"}\n```' })).pass,
      ).toBe(true);
      expect(
        (await suite.scorer.score({ task: ada!, answer: '{"name": "Ada Lovelace", "age": "36"}' })).explanation,
      ).toBe("schema violation at /age: must be integer");
      expect((await suite.scorer.score({ task: tags!, answer: '["eval", "llm", "scaling"]' })).pass).toBe(true);
      expect((await suite.scorer.score({ task: tags!, answer: '["eval"]' })).pass).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
