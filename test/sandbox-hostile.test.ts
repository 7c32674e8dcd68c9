import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeTestsScorer } from "../scorers/code-tests-scorer.js";
import { runInSandbox } from "../src/sandbox/index.js";
import type { Task } from "../src/types.js";

// Hostile completions to a task whose tests only check `solve() == 42`: each one tries to
// print the secret (so a leak would make it pass) or to do damage. None may pass, leak or harm.
const secret = `capbench-secret-${randomBytes(8).toString("hex")}`;
const homeFile = path.join(os.homedir(), `.capbench-hostile-${randomBytes(4).toString("hex")}`);
const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), "capbench-hostile-"));
const sleepMarker = String(900_000 + Math.floor(Math.random() * 99_999));
let server: net.Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  fs.writeFileSync(homeFile, secret);
  process.env.CAPBENCH_HOSTILE_SECRET = secret;
  server = net.createServer((socket) => {
    connections += 1;
    socket.end(secret);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  fs.rmSync(homeFile, { force: true });
  fs.rmSync(hostDir, { recursive: true, force: true });
  delete process.env.CAPBENCH_HOSTILE_SECRET;
  await new Promise((resolve) => server.close(resolve));
});

const task: Task = {
  id: "hostile",
  prompt: "Write solve() returning 42.",
  expected: { tests: "assert solve() == 42\nprint('ok')" },
};
const nodeTask: Task = {
  id: "hostile-js",
  prompt: "Write solve() returning 42.",
  expected: { language: "node", tests: "require('node:assert').strictEqual(solve(), 42);" },
};

function hostile(): Record<string, { task: Task; answer: string }> {
  const python = (body: string) => ({ task, answer: `def solve():\n${body.replace(/^/gm, "    ")}\n` });
  return {
    "read a file in the home directory": python(
      `import os, glob\nfound = [open(p).read() for p in glob.glob(os.path.expanduser('~/.capbench-hostile-*')) + glob.glob('/root/.capbench-hostile-*') + glob.glob('/home/*/.capbench-hostile-*')]\nprint(found)\nreturn 42 if found else 0`,
    ),
    "print an environment variable": python(
      `import os\nprint(dict(os.environ))\nreturn 42 if 'CAPBENCH_HOSTILE_SECRET' in os.environ else 0`,
    ),
    "read the parent's environment through /proc": python(
      `import glob\nleaks = []\nfor p in glob.glob('/proc/*/environ'):\n    try:\n        leaks.append(open(p, 'rb').read())\n    except Exception:\n        pass\nprint(leaks)\nreturn 42 if any(b'CAPBENCH_HOSTILE' in l for l in leaks) else 0`,
    ),
    "open a network connection": python(
      `import socket\ns = socket.create_connection(('127.0.0.1', ${port}), timeout=1)\nprint(s.recv(100))\nreturn 42`,
    ),
    "open a network connection from node": {
      task: nodeTask,
      answer: `function solve() { return 0; }\nrequire('node:net').connect(${port}, '127.0.0.1', function () { console.log('connected'); this.on('data', (d) => console.log(String(d))); });`,
    },
    "print the environment and home files from node": {
      task: nodeTask,
      answer: `function solve() {\n  const fs = require('node:fs'), os = require('node:os');\n  console.log(JSON.stringify(process.env));\n  let found = '';\n  for (const dir of [os.homedir(), '/root', ...(fs.existsSync('/home') ? fs.readdirSync('/home').map((d) => '/home/' + d) : [])]) {\n    try { for (const f of fs.readdirSync(dir)) if (f.startsWith('.capbench-hostile')) found += fs.readFileSync(dir + '/' + f, 'utf8'); } catch {}\n  }\n  console.log(found);\n  return process.env.CAPBENCH_HOSTILE_SECRET || found ? 42 : 0;\n}`,
    },
    "write outside the work directory": python(
      `import os\nwritten = 0\nfor target in ['${hostDir}/pwned', '/usr/pwned', '/etc/pwned', '/root/pwned', '/work/../pwned-root']:\n    try:\n        os.makedirs(os.path.dirname(target), exist_ok=True)\n        open(target, 'w').write('x')\n        written += 1\n    except Exception as e:\n        print(e)\nreturn 42 if written == 5 else 0`,
    ),
    "fork without end": python(
      `import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass`,
    ),
    "leave a daemon behind": python(
      `import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n        os.execvp('sleep', ['sleep', '${sleepMarker}'])\n    os._exit(0)\ntime.sleep(0.2)\nreturn 0`,
    ),
    "loop forever": python("while True:\n    pass"),
    "print 1 GB": python(
      "import sys\nchunk = 'x' * (1 << 20)\nfor _ in range(1024):\n    sys.stdout.write(chunk)\nreturn 42",
    ),
    "exhaust memory": python("blocks = []\nwhile True:\n    blocks.append(bytearray(100 << 20))"),
  };
}

describe("hostile completions in the bwrap sandbox", () => {
  it("fails or stops every one, leaks nothing, harms nothing, and the batch goes on", async () => {
    const scorer = codeTestsScorer({ timeoutMs: 3_000, sandbox: "bwrap" });
    const started = Date.now();
    const cases = Object.entries(hostile());
    const scores = await Promise.all(
      cases.map(([, { task: hostileTask, answer }]) => scorer.score({ task: hostileTask, answer })),
    );
    const elapsed = Date.now() - started;

    const report = Object.fromEntries(cases.map(([name], index) => [name, scores[index]!]));
    if (process.env.DEBUG_HOSTILE) console.log(report, elapsed);
    for (const [name, score] of Object.entries(report)) {
      expect(score.pass, `${name}: ${score.explanation}`).toBe(false);
      expect(score.explanation, name).not.toContain(secret);
    }
    expect(report["fork without end"]!.explanation).toMatch(
      /timed out|BlockingIOError|Resource temporarily unavailable/,
    );
    expect(report["loop forever"]!.explanation).toMatch(/timed out/);
    expect(report["print 1 GB"]!.explanation).toMatch(/output limit/);
    expect(report["open a network connection"]!.explanation).toMatch(
      /Network is unreachable|Connection refused|OSError/,
    );
    expect(connections).toBe(0);
    expect(fs.readdirSync(hostDir)).toEqual([]);
    for (const target of ["/usr/pwned", "/etc/pwned", "/root/pwned", "/pwned-root"])
      expect(fs.existsSync(target), target).toBe(false);
    // Bounded by the time limits, not by the hostile programs (12 programs, one per core, 3 s each at worst).
    expect(elapsed).toBeLessThan(45_000);
    // No process survives its sandbox.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(processList().filter((line) => line.includes(`sleep ${sleepMarker}`))).toEqual([]);

    // The batch goes on: an honest answer still passes afterwards.
    expect((await scorer.score({ task, answer: "def solve():\n    return 42\n" })).pass).toBe(true);
  });

  it("is a real test: without the sandbox the home-file and network completions succeed", async () => {
    const unsafe = codeTestsScorer({ timeoutMs: 3_000, sandbox: "unsafe-none" });
    const cases = hostile();
    const before = connections;
    expect((await unsafe.score(cases["read a file in the home directory"]!)).pass).toBe(true);
    expect((await unsafe.score(cases["open a network connection"]!)).pass).toBe(true);
    expect(connections).toBe(before + 1);
  });

  it("shows no home, no host files and an empty environment", async () => {
    const result = await runInSandbox({
      language: "python",
      files: {
        "main.py":
          "import os\nprint(sorted(os.environ))\nprint(os.path.exists('/root'), os.path.exists('/home'), os.path.exists('/work/../etc/passwd'), os.listdir('/tmp'))\nprint(os.getcwd(), os.listdir('.'))",
      },
    });
    expect(result.exitCode).toBe(0);
    const [environment, visible, workDir] = result.stdout.trim().split("\n");
    expect(environment).toBe("['HOME', 'LANG', 'PATH', 'PWD', 'PYTHONDONTWRITEBYTECODE']");
    expect(visible).toBe("False False False []");
    expect(workDir).toBe("/work ['main.py']");
  });
});

function processList(): string[] {
  return execFileSync("ps", ["-eo", "args"], { encoding: "utf8" }).split("\n");
}
