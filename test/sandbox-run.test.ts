import { describe, expect, it } from "vitest";
import { checkSandbox, runInSandbox } from "../src/sandbox/index.js";

describe("runInSandbox", () => {
  it("runs Python and Node programs in a fresh work directory", async () => {
    const python = await runInSandbox({
      language: "python",
      files: { "main.py": "import helper\nprint(helper.VALUE * 2)", "helper.py": "VALUE = 21" },
    });
    expect(python).toMatchObject({
      exitCode: 0,
      stdout: "42\n",
      timedOut: false,
      outputTruncated: false,
      mode: "bwrap",
    });
    const node = await runInSandbox({
      language: "node",
      files: {
        "main.js":
          "const fs = require('fs'); console.log(fs.readFileSync('lib/data.txt', 'utf8').trim(), process.cwd())",
        "lib/data.txt": "hello",
      },
    });
    expect(node).toMatchObject({ exitCode: 0, stdout: "hello /work\n" });
  });

  it("reports a failing program's exit code and stderr", async () => {
    const result = await runInSandbox({ language: "python", files: { "main.py": "assert 1 == 2, 'one is not two'" } });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("AssertionError: one is not two");
  });

  it("passes stdin and a custom command", async () => {
    const result = await runInSandbox({
      language: "python",
      files: { "solve.py": "import sys\nprint(sum(int(x) for x in sys.stdin.read().split()))" },
      command: ["python3", "solve.py"],
      stdin: "1 2 3",
    });
    expect(result.stdout).toBe("6\n");
  });

  it("keeps the time and output limits in unsafe mode", async () => {
    expect((await checkSandbox("unsafe-none")).warning).toMatch(/WITHOUT isolation/);
    const loop = await runInSandbox({
      language: "node",
      files: { "main.js": "while (true) {}" },
      timeoutMs: 300,
      mode: "unsafe-none",
    });
    expect(loop).toMatchObject({ timedOut: true, exitCode: null, signal: "SIGKILL" });
    const flood = await runInSandbox({
      language: "python",
      files: { "main.py": "while True: print('x' * 1000)" },
      maxOutputBytes: 10_000,
      mode: "unsafe-none",
    });
    expect(flood.outputTruncated).toBe(true);
    expect(flood.stdout.length).toBeLessThanOrEqual(10_000);
  });

  it("opens a private channel on fds 3 and 4 that no file in the sandbox shows", async () => {
    for (const mode of ["bwrap", "unsafe-none"] as const) {
      const result = await runInSandbox({
        language: "python",
        files: {
          "main.py":
            "import os\nos.set_blocking(3, True)\nsecret = os.read(3, 100)\nos.write(4, b'got ' + secret)\nprint(open('data.txt').read(), sorted(os.listdir('.')))",
          "data.txt": "file on fd 5",
        },
        channelInput: "channel-secret",
        mode,
      });
      expect(result, mode).toMatchObject({
        exitCode: 0,
        channelOutput: "got channel-secret",
        stdout: "file on fd 5 ['data.txt', 'main.py']\n",
      });
    }
  });

  it("rejects file names that leave the work directory", async () => {
    await expect(runInSandbox({ language: "python", files: { "../escape.py": "" } })).rejects.toThrow(
      /plain relative path/,
    );
  });

  it("honours an abort signal", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await runInSandbox({
      language: "python",
      files: { "main.py": "import time\ntime.sleep(30)" },
      signal: controller.signal,
    });
    expect(result.aborted).toBe(true);
    expect(result.durationMs).toBeLessThan(5_000);
  });
});
