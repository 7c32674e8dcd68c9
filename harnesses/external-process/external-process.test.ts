import path from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { createExternalHarness } from "../external-harness.js";
import { checkHarnessEnv, childEnvironment } from "./child-environment.js";
import { parseExecRef } from "./parse-exec-ref.js";
import { parseHarnessOutput } from "./parse-harness-output.js";

const REPO = path.resolve(import.meta.dirname, "../..");

describe("parseExecRef", () => {
  it("splits words without a shell: quotes and backslashes group, nothing expands", () => {
    expect(parseExecRef("exec:python3 agents/agent.py")).toEqual({
      name: "exec:python3 agents/agent.py",
      command: ["python3", "agents/agent.py"],
    });
    expect(parseExecRef(`exec:node "my agent.mjs" --name='a b' $HOME x\\ y ""`).command).toEqual([
      "node",
      "my agent.mjs",
      "--name=a b",
      "$HOME",
      "x y",
      "",
    ]);
    expect(() => parseExecRef("exec:")).toThrow(UsageError);
    expect(() => parseExecRef('exec:python3 "open')).toThrow(/unclosed " quote/);
  });
});

describe("parseHarnessOutput", () => {
  it("takes the last non-empty line, or its answer field when it is a JSON object with one", () => {
    expect(parseHarnessOutput("thinking...\nParis\n\n")).toMatchObject({ answer: "Paris", found: true });
    expect(parseHarnessOutput('log line\n{"answer": "Corin Dale", "steps": 4}\n').answer).toBe("Corin Dale");
    expect(parseHarnessOutput('{"answer": 42}').answer).toBe("42");
    expect(parseHarnessOutput('{"result": "x"}').answer).toBe('{"result": "x"}');
    expect(parseHarnessOutput("{not json").answer).toBe("{not json");
    expect(parseHarnessOutput("  \n")).toEqual({ answer: "", stopReason: null, found: false });
  });

  it("accepts a reported stop reason a harness may give, and tool calls", () => {
    const output = parseHarnessOutput(
      '{"answer": "", "stopReason": "max_turns", "toolCalls": [{"name": "f", "arguments": {"x": 1}}]}',
    );
    expect(output.stopReason).toBe("max_turns");
    expect(output.toolCalls).toEqual([{ id: "answer_0", name: "f", arguments: { x: 1 } }]);
    expect(parseHarnessOutput('{"answer": "a", "stopReason": "provider_error"}').stopReason).toBeNull();
  });
});

describe("the child's environment", () => {
  const gateway = {
    OPENAI_BASE_URL: "http://127.0.0.1:1/v1",
    OPENAI_API_BASE: "http://127.0.0.1:1/v1",
    OPENAI_API_KEY: "capbench-token",
    ANTHROPIC_BASE_URL: "http://127.0.0.1:1",
    ANTHROPIC_API_KEY: "capbench-token",
    CAPBENCH_MODEL: "sim:low",
    CAPBENCH_MCP_URL: "http://127.0.0.1:1/mcp/capbench-token",
    CAPBENCH_SCRATCH_DIR: "/tmp/x",
    CAPBENCH_TASK_ID: "t1",
  };

  it("is built from an allow-list, drops credential-looking values, and ends with the gateway's variables", () => {
    const env = childEnvironment({
      parentEnv: {
        PATH: "/usr/bin",
        LANG: "C.UTF-8",
        LC_ALL: "C.UTF-8",
        OPENAI_API_KEY: "sk-real-0123456789",
        SOME_SERVICE_TOKEN: "abc",
        HTTPS_PROXY: "http://user:secret@proxy:3128",
        NO_PROXY: "internal.example",
      },
      harnessEnv: { MY_SETTING: "x" },
      gateway,
    });
    expect(env).toEqual({
      PATH: "/usr/bin",
      LANG: "C.UTF-8",
      LC_ALL: "C.UTF-8",
      NO_PROXY: "internal.example,127.0.0.1,localhost",
      no_proxy: "127.0.0.1,localhost",
      OPENAI_AGENTS_DISABLE_TRACING: "1",
      MY_SETTING: "x",
      ...gateway,
    });
  });

  it("refuses a harness env that sets the gateway's variables or carries provider credentials", () => {
    expect(checkHarnessEnv({ MY_SETTING: "x", DEBUG: "1" })).toEqual([]);
    expect(checkHarnessEnv({ OPENAI_BASE_URL: "http://elsewhere" })).toEqual([
      "OPENAI_BASE_URL is set by capbench for every sample",
    ]);
    expect(checkHarnessEnv({ GEMINI_API_KEY: "x" })[0]).toMatch(/provider credential/);
    expect(checkHarnessEnv({ CONFIG: "sk-proj-abcdefghijklmnop" })[0]).toMatch(
      /value of CONFIG looks like a credential/,
    );
    expect(() =>
      createExternalHarness({
        name: "bad",
        command: ["python3", "x.py"],
        env: { ANTHROPIC_API_KEY: "k" },
        baseDir: REPO,
      }),
    ).toThrow(UsageError);
  });

  it("checks the program before the run: a missing interpreter or file is a UsageError", () => {
    expect(() => createExternalHarness({ name: "x", command: ["no-such-interpreter-xyz"], baseDir: REPO })).toThrow(
      /not found on PATH/,
    );
    expect(() => createExternalHarness({ name: "x", command: ["./agents/missing.sh"], baseDir: REPO })).toThrow(
      /is not an executable file/,
    );
    expect(createExternalHarness({ name: "ok", command: ["python3", "agent.py"], baseDir: REPO }).name).toBe("ok");
  });
});
