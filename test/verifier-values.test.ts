import { describe, expect, it } from "vitest";
import { codeTestsScorer } from "../scorers/code-tests-scorer.js";
import { verifyCode, type CodeVerification } from "../scorers/verify-code.js";
import type { Task } from "../src/types.js";

// What honest code and tests can still do across the verifier's boundary.

const python = (code: string, tests: string, extra: Partial<CodeVerification> = {}) =>
  verifyCode({ language: "python", code, tests, values: "plain-data", timeoutMs: 5_000, ...extra });
const javascript = (code: string, tests: string, extra: Partial<CodeVerification> = {}) =>
  verifyCode({ language: "node", code, tests, values: "plain-data", timeoutMs: 5_000, ...extra });

describe("Python values across the boundary", () => {
  it("round-trips plain data exactly, both ways", async () => {
    const code = "def echo(*args, **kwargs):\n    return args, kwargs\n";
    const tests = [
      "value = [1, -2**100, 0.1, float('inf'), -0.0, 1+2j, 'é\\ud800', b'\\x00\\xff', bytearray(b'ab'), None, True, (1, (2,)), {'k': {1, 2}}, frozenset({3}), {(1, 2): [3]}, int, ValueError]",
      "args, kwargs = echo(*value, key=value)",
      "assert list(args) == value and kwargs == {'key': value}",
      "assert type(args[1]) is int and type(args[5]) is complex and args[9] is None and args[10] is True",
      "assert str(args[4]) == '-0.0' and args[2] == 0.1",
      "import math\nassert math.isnan(echo(float('nan'))[0][0])",
    ].join("\n");
    expect(await python(code, tests)).toEqual({ pass: true, explanation: "tests passed" });
  });

  it("gives subclasses of plain types as their underlying data, and writes back mutated arguments", async () => {
    const code = [
      "from collections import Counter, OrderedDict, namedtuple",
      "Point = namedtuple('Point', 'x y')",
      "def counts(s):\n    return Counter(s)",
      "def point():\n    return Point(1, 2)",
      "def fill(items, table):\n    items.append(4)\n    table['new'] = 1",
    ].join("\n");
    const tests = [
      "assert counts('aab') == {'a': 2, 'b': 1} and type(counts('a')) is dict",
      "assert point() == (1, 2)",
      "items, table = [1], {}",
      "fill(items, table)",
      "assert items == [1, 4] and table == {'new': 1}",
    ].join("\n");
    expect(await python(code, tests)).toEqual({ pass: true, explanation: "tests passed" });
  });

  it("raises the code's exceptions in the tests, with the builtin class when there is one", async () => {
    const code = "def root(x):\n    if x < 0:\n        raise ValueError('negative')\n    return x ** 0.5\n";
    const tests =
      "try:\n    root(-1)\n    raise AssertionError('no error')\nexcept ValueError as error:\n    assert str(error) == 'negative'\nassert root(4) == 2.0";
    expect(await python(code, tests)).toEqual({ pass: true, explanation: "tests passed" });
    const failing = await python(code, "assert root(-1) == 0");
    expect(failing.explanation).toBe(
      'tests failed: File "tests.py", line 1, in <module> | assert root(-1) == 0 | in the code under test: File "/work/solution.py", line 3, in root | raise ValueError(\'negative\') | ValueError: negative',
    );
  });

  it("lets tests build and pass the code's own objects (MBPP's trees), but not compare them", async () => {
    const code =
      "class Node:\n    def __init__(self, value):\n        self.value, self.left = value, None\ndef depth(node):\n    return 0 if node is None else 1 + depth(node.left)\n";
    const built = "root = Node(1)\nroot.left = Node(2)\nassert depth(root) == 2 and root.left.value == 2";
    expect(await python(code, built)).toEqual({ pass: true, explanation: "tests passed" });
    expect((await python(code, "assert Node(1) == Node(1)")).explanation).toMatch(
      /^tests failed: the code under test gave a value of type Node where the tests expect plain data/,
    );
    // values "any": the code's own __eq__ decides (here, identity).
    expect((await python(code, "n = Node(1)\nassert n == n and n != Node(1)", { values: "any" })).pass).toBe(true);
  });

  it("resolves the entry point in the code even where a builtin has its name, and stdlib modules to the real ones", async () => {
    const code =
      "import math\ndef sum(a, b):\n    return a * b\nclass FakeMath:\n    def isclose(self, a, b):\n        return True\n";
    expect((await python(code, "assert sum(2, 3) == 6", { entryPoint: "sum" })).pass).toBe(true);
    expect((await python(code, "assert sum([2, 3]) == 5")).pass).toBe(true);
    const faked = `${code}math = FakeMath()\ndef f():\n    return 1\n`;
    expect((await python(faked, "assert math.isclose(f(), 2)")).explanation).toMatch(/AssertionError/);
  });

  it("keeps the task's setup helpers for the tests when there is an entry point", async () => {
    const setup = "def encode(s):\n    return s[::-1]\n\ndef decode(s):\n    pass\n";
    const tests = "assert decode(encode('abc')) == 'abc'";
    const honest = "def decode(s):\n    return s[::-1]\n";
    const cheat = "def encode(s):\n    return s\n\ndef decode(s):\n    return s\n";
    expect((await python(honest, tests, { setup, entryPoint: "decode" })).pass).toBe(true);
    expect((await python(cheat, tests, { setup, entryPoint: "decode" })).pass).toBe(false);
  });

  it("refuses to pass the tests' functions to the code", async () => {
    const verdict = await python("def apply(f, x):\n    return f(x)\n", "assert apply(lambda x: x + 1, 1) == 2");
    expect(verdict.explanation).toMatch(/TypeError: cannot pass a function to the code under test/);
  });
});

describe("JavaScript values across the boundary", () => {
  it("round-trips plain data exactly, both ways, and writes back mutated arguments", async () => {
    const code = "function echo(...args) { return args; }\nfunction push(list) { list.push(4); }\n";
    const tests = [
      'const assert = require("node:assert");',
      "const value = [1, -0, NaN, Infinity, 10n ** 30n, undefined, null, 'é', [1, [2]], { a: { b: 1 }, ['__proto__']: 2 }, new Map([[1, 'x']]), new Set([3])];",
      "assert.deepStrictEqual(echo(...value), value);",
      "assert.ok(Object.is(echo(-0)[0], -0));",
      "const list = [1]; push(list); assert.deepStrictEqual(list, [1, 4]);",
    ].join("\n");
    expect(await javascript(code, tests)).toEqual({ pass: true, explanation: "tests passed" });
  });

  it("throws the code's errors in the tests with the standard class", async () => {
    const code = "function parse(text) { if (!text) throw new RangeError('empty'); return text.length; }\n";
    const tests =
      'const assert = require("node:assert");\nassert.throws(() => parse(""), RangeError);\nassert.throws(() => parse(""), /empty/);\nassert.strictEqual(parse("ab"), 2);';
    expect(await javascript(code, tests)).toEqual({ pass: true, explanation: "tests passed" });
  });

  it("builds the code's classes and calls their methods with values any", async () => {
    const code =
      "class Stack { constructor() { this.items = []; } push(x) { this.items.push(x); return this.items.length; } }\n";
    const tests =
      'const assert = require("node:assert");\nconst s = new Stack();\nassert.strictEqual(s.push(5), 1);\nassert.deepStrictEqual(s.items, [5]);';
    expect((await javascript(code, tests, { values: "any" })).pass).toBe(true);
    expect((await javascript(code, tests)).explanation).toMatch(
      /gave a value of type Stack where the tests expect plain data/,
    );
  });
});

describe("the code-tests scorer", () => {
  const task: Task = { id: "t", prompt: "", expected: { tests: "import time\ntime.sleep(0)\nassert solve() == 1" } };

  it("throws, rather than scoring, when the run's signal aborts it", async () => {
    const controller = new AbortController();
    const scoring = codeTestsScorer({ sandbox: "bwrap" }).score({
      task,
      answer: "import time\ntime.sleep(30)\ndef solve():\n    return 1\n",
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    await expect(Promise.resolve(scoring)).rejects.toMatchObject({ name: "AbortError" });
  });

  it("names a bad values option", () => {
    expect(() => codeTestsScorer({ values: "some" as never }, "suite.yaml: scorer")).toThrow(
      'suite.yaml: scorer.values: must be "plain-data" or "any", got "some"',
    );
  });
});
