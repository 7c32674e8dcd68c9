import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { calculatorTool } from "./calculator-tool.js";
import { DocumentStore, documentTools } from "./document-store.js";
import { evaluateExpression } from "./evaluate-expression.js";
import { recordStoreTools } from "./record-store-tools.js";
import { scratchFileTools } from "./scratch-file-tools.js";

const scratchDir = mkdtempSync(path.join(os.tmpdir(), "capbench-tools-"));
afterAll(() => rmSync(scratchDir, { recursive: true, force: true }));
const context = { signal: new AbortController().signal, scratchDir };

describe("document store", () => {
  const store = new DocumentStore([
    {
      id: "a",
      title: "Alvar Benn",
      text: "Alvar Benn is a weaver. Alvar Benn's mentor is Corin Dale. Alvar Benn likes tea.",
    },
    { id: "b", title: "Corin Dale", text: "Corin Dale is a luthier. Corin Dale's mentor is Alvar Benn." },
    { id: "c", title: "Weather", text: "It rained all week in the valley." },
  ]);

  it("ranks with BM25 and shows the best-matching sentence as the snippet", () => {
    const hits = store.search("Alvar Benn mentor");
    expect(hits.map((hit) => hit.id)).toEqual(["a", "b"]);
    expect(hits[0]!.snippet).toBe("Alvar Benn's mentor is Corin Dale.");
    expect(store.search("no such words")).toEqual([]);
  });

  it("search and read as tools; an unknown id is a tool error", async () => {
    const tools = documentTools(store);
    expect(await tools.search.execute({ query: "rained valley" }, context)).toMatch(/^1\. \[c\] Weather: It rained/);
    expect(await tools.read.execute({ id: "b" }, context)).toContain("Corin Dale is a luthier");
    expect(() => tools.read.execute({ id: "zzz" }, context)).toThrow(/no document/);
    expect(await tools.listDocuments.execute({}, context)).toContain("[c] Weather");
  });
});

describe("calculator", () => {
  it("evaluates precedence, parentheses, powers, unary minus and functions", () => {
    expect(evaluateExpression("2 + 3 * 4")).toBe(14);
    expect(evaluateExpression("(2 + 3) * 4")).toBe(20);
    expect(evaluateExpression("2 ^ 3 ^ 2")).toBe(512);
    expect(evaluateExpression("-3 + sqrt(16)")).toBe(1);
    expect(calculatorTool().execute({ expression: "10 / 4" }, context)).toBe("2.5");
  });

  it("rejects anything that is not arithmetic, without eval", () => {
    expect(() => evaluateExpression("process.exit(1)")).toThrow(/unknown function|unexpected/);
    expect(() => evaluateExpression("1 +")).toThrow(/unexpected end/);
    expect(() => evaluateExpression("1 / 0")).toThrow(/division by zero/);
    expect(() => evaluateExpression("2 2")).toThrow(/unexpected "2"/);
  });
});

describe("record store", () => {
  const [lookup, find] = recordStoreTools({
    staff: { "e-1": { name: "Ada", team: "t-2" }, "e-2": { name: "Omar", team: "t-2" } },
  });
  it("looks records up by key and by field", async () => {
    expect(JSON.parse(await lookup!.execute({ table: "staff", key: "e-1" }, context))).toEqual({
      key: "e-1",
      name: "Ada",
      team: "t-2",
    });
    expect(JSON.parse(await find!.execute({ table: "staff", field: "team", value: "t-2" }, context))).toEqual([
      "e-1",
      "e-2",
    ]);
    expect(() => lookup!.execute({ table: "staff", key: "e-9" }, context)).toThrow(/no record/);
    expect(() => lookup!.execute({ table: "nope", key: "e-1" }, context)).toThrow(/no table/);
  });
});

describe("scratch files", () => {
  const [write, read, list] = scratchFileTools(scratchDir);
  it("writes, reads (also a line range) and lists inside the scratch directory", async () => {
    await write!.execute({ path: "notes/a.txt", content: "one\ntwo\nthree" }, context);
    expect(await read!.execute({ path: "notes/a.txt" }, context)).toBe("one\ntwo\nthree");
    expect(await read!.execute({ path: "notes/a.txt", start_line: 2, max_lines: 1 }, context)).toBe("two");
    expect(await list!.execute({}, context)).toContain(path.join("notes", "a.txt"));
  });

  it("rejects paths that leave the scratch directory", async () => {
    for (const escape of ["../outside.txt", "/etc/passwd", "notes/../../x", ""]) {
      await expect(
        Promise.resolve().then(() => write!.execute({ path: escape, content: "x" }, context)),
      ).rejects.toThrow(/scratch directory|empty/);
      await expect(Promise.resolve().then(() => read!.execute({ path: escape }, context))).rejects.toThrow(
        /scratch directory|empty/,
      );
    }
  });
});
