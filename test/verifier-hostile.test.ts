import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PYTHON_JUDGE } from "../scorers/code-judge-python.js";
import { buildProgram, codeTestsExpected, codeTestsScorer } from "../scorers/code-tests-scorer.js";
import { runInSandbox } from "../src/sandbox/index.js";
import type { Task } from "../src/types.js";

// Wrong answers that try to pass anyway. Each must fail with an explanation saying why; the
// right answer must still pass. Tricks marked "issue 11" passed the old exit-status verifier.

const PROMPT = `from typing import List


def has_close_elements(numbers: List[float], threshold: float) -> bool:
    """ Check if in given list of numbers, are any two numbers closer to each other than
    given threshold.
    """
`;
const python: Task = {
  id: "close",
  prompt: PROMPT,
  expected: {
    language: "python",
    setup: PROMPT,
    entryPoint: "has_close_elements",
    tests: `

METADATA = {}


def check(candidate):
    assert candidate([1.0, 2.0, 3.9, 4.0, 5.0, 2.2], 0.3) == True
    assert candidate([1.0, 2.0, 3.9, 4.0, 5.0, 2.2], 0.05) == False
    assert candidate([1.0, 2.0, 5.9, 4.0, 5.0], 0.95) == True
    assert candidate([1.0, 2.0, 5.9, 4.0, 5.0], 0.8) == False

check(has_close_elements)`,
  },
};
const RIGHT = "    return any(abs(a - b) < threshold for i, a in enumerate(numbers) for b in numbers[i + 1:])\n";
const WRONG = "    return False\n";

const INCOMPLETE = /^the tests did not run to completion: /;
const FAILED = /^tests failed: .*AssertionError/;
const NOT_PLAIN = /^tests failed: the code under test gave a value of type \w+ where the tests expect plain data/;

// Scans every place the code under test can read for a 32-hex-digit token (its own memory, files,
// environment, the test process's fds, memory and environment through /proc and pidfd_getfd), and
// writes a forged verdict with each one found to every fd that could reach the channel.
const FORGE = `
import ctypes, gc, os, re
found, writable = set(), [3, 4]
def scan(data):
    if isinstance(data, bytes):
        data = data.decode("latin-1")
    if isinstance(data, str):
        found.update(re.findall(r"[0-9a-f]{32}", data))
def read(fd):
    try:
        os.set_blocking(fd, False)
        scan(os.read(fd, 1 << 16))
    except OSError:
        pass
libc = ctypes.CDLL(None, use_errno=True)
for pid in [os.getppid(), 1]:
    try:
        pidfd = os.pidfd_open(pid)
    except OSError:
        continue
    for target in (3, 4):
        stolen = libc.syscall(438, pidfd, target, 0)  # pidfd_getfd
        if stolen >= 0:
            read(stolen) if target == 3 else writable.append(stolen)
for path in ["/proc/self/cmdline", "/proc/self/environ"] + ["/proc/%s/%s" % (pid, leaf) for pid in [os.getppid(), 1] for leaf in ["cmdline", "environ", "fd/3", "mem"]]:
    try:
        read(os.open(path, os.O_RDONLY))
    except OSError:
        pass
for path in ["/proc/%d/fd/4" % os.getppid(), "/proc/1/fd/4"]:
    try:
        writable.append(os.open(path, os.O_WRONLY))
    except OSError:
        pass
for name in os.listdir("."):
    scan(open(name, "rb").read())
for value in os.environ.values():
    scan(value)
for item in gc.get_objects():
    if isinstance(item, (str, bytes)):
        scan(item)
    elif isinstance(item, dict):
        for value in list(item.values()):
            scan(value)
for token in found:
    for fd in writable:
        try:
            os.write(fd, ("PASS %s\\n" % token).encode())
        except OSError:
            pass
`;

function pythonTricks(): Record<string, { answer: string; explanation: RegExp }> {
  const body = (code: string) => code.replace(/^/gm, "    ") + "\n";
  return {
    "(issue 11) raise SystemExit in the body": { answer: body("raise SystemExit"), explanation: INCOMPLETE },
    "(issue 11) sys.exit(0) in the body": { answer: body("import sys\nsys.exit(0)"), explanation: INCOMPLETE },
    "(issue 11) exit() in the body": { answer: body("exit()"), explanation: INCOMPLETE },
    "(issue 11) os._exit(0) after the function": {
      answer: `${WRONG}import os\nos._exit(0)\n`,
      explanation: /^the tests did not run to completion: the code under test exited with status 0 while loading$/,
    },
    "(issue 11) an atexit hook that exits 0": {
      answer: `${WRONG}import atexit, os\natexit.register(lambda: os._exit(0))\n`,
      explanation: FAILED,
    },
    "(issue 11) a sys.excepthook that exits 0": {
      answer: `${WRONG}import os, sys\nsys.excepthook = lambda *args: os._exit(0)\n`,
      explanation: FAILED,
    },
    "(issue 11) a thread that calls os._exit(0)": {
      answer: `${WRONG}import os, threading\nthreading.Thread(target=lambda: os._exit(0)).start()\n`,
      explanation: /^(the tests did not run to completion: .*exited with status 0|tests failed: .*AssertionError)/,
    },
    "(issue 11) a sys.settrace hook that exits when check is called": {
      answer: `${WRONG}import os, sys\ndef trace(frame, event, arg):\n    if frame.f_code.co_name == "check":\n        os._exit(0)\n    return trace\nsys.settrace(trace)\n`,
      explanation: FAILED,
    },
    "(issue 11) a returned object whose __eq__ is always true": {
      answer: body("class Yes:\n    def __eq__(self, other):\n        return True\nreturn Yes()"),
      explanation: NOT_PLAIN,
    },
    "a bool subclass is impossible, so an int subclass whose __eq__ is always true": {
      answer: body("class Yes(int):\n    def __eq__(self, other):\n        return True\nreturn Yes(7)"),
      explanation: FAILED,
    },
    "printing a success line and a forged verdict to stdout and stderr": {
      answer: body(
        "import sys\nprint('All tests passed')\nprint('PASS ' + '0' * 32)\nsys.stderr.write('PASS ' + '0' * 32 + '\\n')\nreturn False",
      ),
      explanation: FAILED,
    },
    "monkeypatching print, sys.stdout, os.write, AssertionError, isinstance and __build_class__": {
      answer: `${WRONG}import builtins, os, sys\nbuiltins.print = lambda *a, **k: None\nsys.stdout = open(os.devnull, "w")\nos.write = lambda fd, data: len(data)\nbuiltins.AssertionError = type("AssertionError", (Exception,), {})\nbuiltins.isinstance = lambda *a: True\nbuiltins.__build_class__ = None\n`,
      // Its own os.write is gone, so its process cannot answer the tests at all.
      explanation: /^(timed out|the tests did not run to completion: the code under test)/,
    },
    "searching /proc, the work directory, the environment and gc objects for the token, then forging a verdict": {
      answer: `${WRONG}${FORGE}`,
      explanation: FAILED,
    },
    "reading the tests to return their expected values": {
      answer: body(
        "import gc, os, re\nsources = [open(name).read() for name in os.listdir('.')] + [o for o in gc.get_objects() if isinstance(o, str) and 'candidate(' in o]\nfor source in sources:\n    for args, value in re.findall(r'candidate\\((.*)\\) == (True|False)', source):\n        if args == '%r, %r' % (numbers, threshold):\n            return value == 'True'\nreturn None",
      ),
      explanation: FAILED,
    },
    "patching the judge's own functions in its copy of the process": {
      answer: `${WRONG}import __main__\n__main__.encode = lambda value, other, depth=0: True\n__main__.send = lambda fd, message: __main__.write_all(fd, b"%016x" % 8 + b'["ok",1]')\n`,
      explanation: /^tests failed: .*TypeError: 'int' object is not callable$/,
    },
    "killing the test process": {
      answer: body("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)"),
      explanation: /^the tests did not run to completion: the test process .* without a verdict$/,
    },
    "stopping the test process with SIGSTOP": {
      answer: body("import os, signal\nos.kill(os.getppid(), signal.SIGSTOP)\nreturn True"),
      explanation: /^timed out/,
    },
    "forking a child that prints success and writes to the channel": {
      answer: body(
        "import os\nif os.fork() == 0:\n    print('All tests passed')\n    for fd in (3, 4):\n        try:\n            os.write(fd, b'PASS ' + b'0' * 32 + b'\\n')\n        except OSError:\n            pass\n    os._exit(0)\nos.wait()\nreturn False",
      ),
      explanation: FAILED,
    },
    "raising KeyboardInterrupt, a BaseException the tests do not catch": {
      answer: body("raise KeyboardInterrupt"),
      explanation:
        /^the tests did not run to completion: the code under test exited with status 1 during a call to has_close_elements\(\)$/,
    },
    "a signal handler that exits 0 on SIGALRM": {
      answer: `${WRONG}import os, signal\nsignal.signal(signal.SIGALRM, lambda *a: os._exit(0))\nsignal.setitimer(signal.ITIMER_REAL, 0.001)\n`,
      explanation: /^(the tests did not run to completion: .*exited with status 0|tests failed: .*AssertionError)/,
    },
    "tampering with sys.modules and builtins.__import__": {
      answer: `${WRONG}import builtins, sys\nsys.modules["json"] = None\nsys.modules["traceback"] = None\nbuiltins.__import__ = lambda *a, **k: None\n`,
      explanation: /^(tests failed|the tests did not run to completion)/,
    },
    "redefining a helper of the prompt that the tests use (here abs, a builtin)": {
      answer: `${WRONG}def abs(x):\n    return 0\n`,
      explanation: FAILED,
    },
    "returning a generator": {
      answer: body("return (x for x in [True])"),
      explanation: NOT_PLAIN,
    },
    "infinite output": { answer: body("while True:\n    print('x' * 100000)"), explanation: /^output limit exceeded/ },
  };
}

const javascript: Task = {
  id: "double",
  prompt: "Write transform(numbers) returning every number doubled.",
  expected: {
    language: "node",
    tests: [
      'const assert = require("node:assert");',
      'assert.deepStrictEqual(transform([1, 2, 3]), [2, 4, 6], "transform([1, 2, 3]) should return [2, 4, 6]");',
      "assert.strictEqual(transform([]).length, 0);",
      "assert.ok(Array.isArray(transform([5])));",
    ].join("\n"),
  },
};
const JS_RIGHT = "function transform(numbers) { return numbers.map((x) => x * 2); }\n";
const JS_WRONG = "function transform(numbers) { return numbers; }\n";
const ESCAPED = "e.constructor.constructor('return process')().exit(0)";

function javascriptTricks(): Record<string, { answer: string; explanation: RegExp }> {
  const NOT_LOADED = /^the code did not load: ReferenceError: (process|require|setTimeout) is not defined/;
  return {
    "(issue 11) process.exit(0) in the body": {
      answer: "function transform(numbers) { process.exit(0); }\n",
      explanation: /^tests failed: ReferenceError: process is not defined \| in the code under test at transform/,
    },
    "(issue 11) an exit hook that resets process.exitCode": {
      answer: `process.on("exit", () => { process.exitCode = 0; });\n${JS_WRONG}`,
      explanation: NOT_LOADED,
    },
    "(issue 11) an uncaughtException handler": {
      answer: `process.on("uncaughtException", () => process.exit(0));\n${JS_WRONG}`,
      explanation: NOT_LOADED,
    },
    "(issue 11) replacing assert.strictEqual": {
      answer: `require("node:assert").strictEqual = () => {};\nrequire("node:assert").deepStrictEqual = () => {};\n${JS_WRONG}`,
      explanation: NOT_LOADED,
    },
    "reading the channel's fd 3 and writing a verdict to fd 4": {
      answer: `const fs = require("node:fs");\nfs.writeSync(4, "PASS " + fs.readFileSync(3, "utf8"));\n${JS_WRONG}`,
      explanation: NOT_LOADED,
    },
    "shadowing assert and require with globals of its own": {
      answer: `var assert = { deepStrictEqual() {}, strictEqual() {}, ok() {} };\nfunction require() { return assert; }\n${JS_WRONG}`,
      explanation:
        /^tests failed: AssertionError \[ERR_ASSERTION\]: transform\(\[1, 2, 3\]\) should return \[2, 4, 6\]/,
    },
    "overriding Object.prototype, Array.prototype and Object.is": {
      answer: `Object.is = () => true;\nArray.isArray = () => true;\nArray.prototype.map = function () { return [2, 4, 6]; };\nObject.defineProperty(Object.prototype, "length", { get() { return 0; } });\n${JS_WRONG}`,
      explanation: /^tests failed: AssertionError \[ERR_ASSERTION\]: transform\(\[1, 2, 3\]\) should return/,
    },
    "escaping the realm through this.constructor": {
      answer: `this.constructor.constructor("return process")().exit(0);\n${JS_WRONG}`,
      explanation: /^the code did not load: (TypeError|ReferenceError)/,
    },
    "escaping the realm through an error from import()": {
      answer: `import("node:fs").catch((e) => ${ESCAPED});\n${JS_WRONG}`,
      explanation: /^tests failed: AssertionError/,
    },
    "escaping the realm through an error from WebAssembly.compileStreaming": {
      answer: `WebAssembly.compileStreaming({}).catch((e) => ${ESCAPED});\n${JS_WRONG}`,
      explanation: /^the code did not load: TypeError: WebAssembly.compileStreaming is not a function/,
    },
    "escaping the realm through Function.prototype.caller": {
      answer:
        "function transform(numbers) { const c = transform.caller; if (c) c.constructor('return process')().exit(0); return numbers; }\n",
      explanation: /^tests failed: AssertionError/,
    },
    "escaping the realm through stack frames (Error.prepareStackTrace)": {
      answer: `Error.prepareStackTrace = (e, frames) => { for (const f of frames) { const fn = f.getFunction(); const self = f.getThis(); if (fn) fn.constructor("return process")().exit(0); if (self && self.process) self.process.exit(0); } return ""; };\nfunction transform(numbers) { new Error().stack; return numbers; }\n`,
      explanation: /^tests failed: (ReferenceError: process is not defined|AssertionError)/,
    },
    "a Promise that never resolves": {
      answer: "function transform(numbers) { return new Promise(() => {}); }\n",
      explanation: /^tests failed: the code under test gave a value of type Promise where the tests expect plain data/,
    },
    "an async function returning the right value": {
      answer: "async function transform(numbers) { return numbers.map((x) => x * 2); }\n",
      explanation: /^tests failed: the code under test gave a value of type Promise/,
    },
    "setTimeout racing the end of the tests": {
      answer: `setTimeout(() => process.exit(0), 0);\n${JS_WRONG}`,
      explanation: NOT_LOADED,
    },
    "an array subclass whose equality cannot be checked": {
      answer: "class Same extends Array {}\nfunction transform(numbers) { return Same.from([2, 4, 6]); }\n",
      explanation: /^tests failed: the code under test gave a value of type Same where the tests expect plain data/,
    },
    "printing a success line": {
      answer: `console.log("All tests passed"); console.log("PASS " + "0".repeat(32));\n${JS_WRONG}`,
      explanation: /^tests failed: AssertionError/,
    },
    "an endless loop of output": {
      answer: "function transform(numbers) { for (;;) console.log('x'.repeat(100000)); }\n",
      explanation: /^timed out/,
    },
  };
}

describe("the code verifier against wrong answers that try to pass", () => {
  const scorer = codeTestsScorer({ timeoutMs: 3_000, sandbox: "bwrap" });

  it("passes the right answers", async () => {
    expect(await scorer.score({ task: python, answer: RIGHT })).toEqual({
      value: 1,
      pass: true,
      explanation: "tests passed",
    });
    expect(await scorer.score({ task: javascript, answer: JS_RIGHT })).toEqual({
      value: 1,
      pass: true,
      explanation: "tests passed",
    });
  });

  it.each(Object.entries(pythonTricks()))("Python: fails %s", async (_name, { answer, explanation }) => {
    const score = await scorer.score({ task: python, answer });
    expect(score.pass, score.explanation).toBe(false);
    expect(score.explanation).toMatch(explanation);
  });

  it("Python: fails a SIGINT to the test process, which a bare except in the tests would take for the expected error", async () => {
    const task: Task = {
      id: "root",
      prompt: "",
      expected: {
        tests:
          'try:\n    root(-1)\n    raised = False\nexcept:\n    raised = True\nassert raised, "root(-1) must raise"',
      },
    };
    const answer =
      "def root(x):\n    import os, signal, time\n    if x < 0:\n        os.kill(os.getppid(), signal.SIGINT)\n        time.sleep(0.5)\n    return abs(x) ** 0.5\n";
    const score = await scorer.score({ task, answer });
    expect(score.explanation).toBe(
      'tests failed: File "tests.py", line 6, in <module> | assert raised, "root(-1) must raise" | AssertionError: root(-1) must raise',
    );
  });

  it.each(Object.entries(javascriptTricks()))("JavaScript: fails %s", async (_name, { answer, explanation }) => {
    const score = await scorer.score({ task: javascript, answer });
    expect(score.pass, score.explanation).toBe(false);
    expect(score.explanation).toMatch(explanation);
  });
});

describe("the battery is real", () => {
  it("the old check (the program exits 0) passes the issue's tricks and the test reader", async () => {
    const exitsZero = async (task: Task, answer: string) => {
      const language = task === python ? "python" : "node";
      const program = buildProgram(language, codeTestsExpected(task), answer);
      const result = await runInSandbox({
        language,
        files: { [language === "python" ? "main.py" : "main.js"]: program },
      });
      return result.exitCode === 0;
    };
    const py = pythonTricks();
    for (const name of [
      "(issue 11) sys.exit(0) in the body",
      "(issue 11) os._exit(0) after the function",
      "(issue 11) an atexit hook that exits 0",
      "(issue 11) a returned object whose __eq__ is always true",
      "reading the tests to return their expected values",
    ])
      expect(await exitsZero(python, py[name]!.answer), name).toBe(true);
    const js = javascriptTricks();
    for (const name of ["(issue 11) process.exit(0) in the body", "(issue 11) replacing assert.strictEqual"])
      expect(await exitsZero(javascript, js[name]!.answer), name).toBe(true);
    expect(await exitsZero(python, WRONG)).toBe(false);
  });

  it("a judge left dumpable would hand the token to the forger: the protection is what stops it", async () => {
    const token = randomBytes(16).toString("hex");
    const expected = codeTestsExpected(python);
    const spec = JSON.stringify({ tests: expected.tests, entryPoint: expected.entryPoint });
    const run = (protection: string) =>
      runInSandbox({
        language: "python",
        files: { "judge.py": PYTHON_JUDGE, "solution.py": `${PROMPT}${WRONG}${FORGE}\n`, "setup.py": PROMPT },
        command: ["python3", "-I", "-B", "judge.py", "plain-data", protection],
        channelInput: `${Buffer.byteLength(spec)}\n${spec}${token}\n`,
        timeoutMs: 5_000,
      });
    expect((await run("none")).channelOutput).toContain(`PASS ${token}`);
    expect((await run("required")).channelOutput).not.toContain(token);
  });
});
