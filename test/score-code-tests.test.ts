import { describe, expect, it } from "vitest";
import { codeTestsScorer } from "../scorers/code-tests-scorer.js";
import { extractCode } from "../scorers/extract-code.js";
import { createScorer } from "../src/registry/create-scorer.js";
import type { Task } from "../src/types.js";

describe("extractCode", () => {
  it("takes the whole answer when there is no fence", () => {
    expect(extractCode("    return x + 1\n", "python")).toBe("    return x + 1\n");
  });

  it("prefers the longest block tagged with the language", () => {
    const answer =
      "Here:\n```js\nconsole.log(1)\n```\n```python\nx = 1\n```\nand\n```python\ndef f():\n    return 2\n```\n";
    expect(extractCode(answer, "python")).toBe("def f():\n    return 2");
    expect(extractCode(answer, "node")).toBe("console.log(1)");
  });

  it("falls back to untagged blocks and reads a cut-off fence to the end", () => {
    expect(extractCode("```\nprint(1)\n```", "python")).toBe("print(1)");
    expect(extractCode("Sure.\n```python\ndef f():\n    return 1", "python")).toBe("def f():\n    return 1");
  });
});

const pythonTask: Task = { id: "p", prompt: "", expected: { tests: "assert solve() == 42, f'got {solve()}'" } };
const nodeTask: Task = {
  id: "n",
  prompt: "",
  expected: { language: "node", tests: "const assert = require('node:assert');\nassert.strictEqual(solve(), 42);" },
};

describe("codeTestsScorer", () => {
  const scorer = codeTestsScorer({ timeoutMs: 2_000 });

  it("passes code that passes the tests, in either language, fenced or not", async () => {
    expect(await scorer.score({ task: pythonTask, answer: "```python\ndef solve():\n    return 42\n```" })).toEqual({
      value: 1,
      pass: true,
      explanation: "tests passed",
    });
    // The answer's own `assert` binding does not clash with the tests'.
    expect(
      (await scorer.score({ task: nodeTask, answer: "const assert = 1;\nfunction solve() { return 42; }" })).pass,
    ).toBe(true);
  });

  it("explains a failure with the failing assertion or error", async () => {
    const python = await scorer.score({ task: pythonTask, answer: "def solve():\n    return 1\n" });
    expect(python).toMatchObject({ value: 0, pass: false });
    expect(python.explanation).toBe(
      `tests failed: File "tests.py", line 1, in <module> | assert solve() == 42, f'got {solve()}' | AssertionError: got 1`,
    );
    const node = await scorer.score({ task: nodeTask, answer: "function solve() { return 1; }" });
    expect(node.explanation).toMatch(
      /^tests failed: AssertionError \[ERR_ASSERTION\]: Expected values to be strictly equal: \| 1 !== 42 \| at tests\.js:2:\d+$/,
    );
    const syntax = await scorer.score({ task: pythonTask, answer: "def solve(:\n  pass" });
    expect(syntax.explanation).toMatch(/SyntaxError/);
  });

  it("stops a program that runs past the time limit", async () => {
    const score = await codeTestsScorer({ timeoutMs: 300 }).score({
      task: pythonTask,
      answer: "def solve():\n    while True: pass",
    });
    expect(score).toMatchObject({ pass: false, explanation: "timed out (killed after the time limit)" });
  });

  it("rejects a task without tests", async () => {
    await expect(scorer.score({ task: { id: "x", prompt: "" }, answer: "" })).rejects.toThrow(
      /task x: expected must be the tests/,
    );
  });
});

describe("createScorer for code-tests and tool-calls", () => {
  const context = { where: "suite.yaml: scorer", baseDir: ".", sandbox: { mode: "bwrap" as const } };

  it("builds the scorers from specs, with JavaScript as an alias of node", async () => {
    const scorer = createScorer({ type: "code-tests", language: "javascript" }, context);
    expect(
      (
        await scorer.score({
          task: { id: "j", prompt: "", expected: "if (solve() !== 42) throw new Error('wrong')" },
          answer: "function solve() { return 42 }",
        })
      ).pass,
    ).toBe(true);
    expect(createScorer({ type: "tool-calls" }, context).name).toBe("tool-calls");
  });

  it("names the field of a bad option", () => {
    expect(() => createScorer({ type: "code-tests", language: "ruby" }, context)).toThrow(
      'suite.yaml: scorer.language: must be one of python, node, javascript, js; received "ruby"',
    );
  });
});
