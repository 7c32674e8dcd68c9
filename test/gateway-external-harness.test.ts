import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import type { UserConfig } from "../src/config/config-schema.js";
import { resolveConfig } from "../src/config/resolve-config.js";
import { RunError } from "../src/errors.js";
import { run } from "../src/runner/run.js";
import { readTrace } from "../src/store/trace-file.js";
import type { SampleRecord, TraceEvent } from "../src/types.js";
import { createExternalHarness } from "../harnesses/external-harness.js";
import { withSampleContext } from "./gateway-sample-context.js";
import { startOpenAIServer } from "./servers/openai-server.js";

// The external-process harness on the real runner: limits met at the gateway end the sample
// with that stop reason, a crash is a harness error and a provider fault a provider error
// (never a score), the wall-time limit kills the process group, and the child's environment
// holds none of the parent's secrets.

const REPO = path.resolve(import.meta.dirname, "..");
const FIXTURES = "test/fixtures/gateway";
const root = mkdtempSync(path.join(os.tmpdir(), "capbench-external-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());
let runs = 0;

async function runRecords(
  user: UserConfig,
  env: NodeJS.ProcessEnv = {},
): Promise<{ records: SampleRecord[]; dir: string }> {
  const config = resolveConfig(
    { concurrency: 2, models: ["sim:frontier"], cache: { mode: "disabled" }, ...user },
    { out: path.join(root, `run-${++runs}`) },
    { configPath: null, cwd: REPO },
  );
  // A run whose every sample errored throws RunError after writing its samples.
  await run({ config, cwd: REPO, env }).catch((error: unknown) => {
    if (!(error instanceof RunError)) throw error;
  });
  const dir = config.out!;
  const records = readFileSync(path.join(dir, "samples.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as SampleRecord);
  return { records, dir };
}

describe("limits at the wire", () => {
  it("a looping harness stops at the turn limit, told in OpenAI's format, whatever it reports", async () => {
    const { records, dir } = await runRecords({
      suites: ["arith"],
      limit: 1,
      harnesses: [`exec:python3 ${FIXTURES}/loop-harness.py openai`],
      limits: { maxTurns: 5 },
    });
    const [record] = records;
    expect(record!.stopReason).toBe("max_turns");
    expect(record!.modelCalls).toBe(5);
    expect(record!.error).toBeUndefined();
    // The child got a 400 naming the limit in the OpenAI error shape.
    expect(record!.answer).toMatch(/^400 /);
    const body = JSON.parse(record!.answer.slice(4)) as { error: { code: string; message: string; type: string } };
    expect(body.error.code).toBe("capbench_max_turns");
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toMatch(/turn limit 5/);
    const events = (readTrace(dir, record!) as { events: TraceEvent[] }).events;
    expect(events.filter((event) => event.type === "model")).toHaveLength(5);
  });

  it("the token budget stops it in Anthropic's format, even when the child then crashes", async () => {
    const { records, dir } = await runRecords({
      suites: ["arith"],
      limit: 1,
      harnesses: [`exec:python3 ${FIXTURES}/loop-harness.py anthropic 1`],
      limits: { maxTokens: 2_000 },
    });
    const [record] = records;
    expect(record!.stopReason).toBe("token_budget");
    // What the child was told (it printed it to stderr, which the trace keeps): Anthropic's error shape.
    const exit = (readTrace(dir, record!) as { events: TraceEvent[] }).events.find(
      (event) => event.type === "note" && event.message === "external harness exited (code 1)",
    ) as { data: { stderrTail: string } };
    const told = JSON.parse(exit.data.stderrTail.replace(/^refused: 400 /, "")) as {
      type: string;
      error: { type: string; message: string };
    };
    expect(told.type).toBe("error");
    expect(told.error.type).toBe("invalid_request_error");
    expect(told.error.message).toMatch(/capbench limit reached \(token_budget\): token budget 2000 spent/);
    expect(record!.error).toBeUndefined();
    expect(record!.usage.inputTokens + record!.usage.outputTokens).toBeGreaterThanOrEqual(2_000);
    expect(record!.modelCalls).toBeGreaterThan(1);
    expect(record!.modelCalls).toBeLessThan(20);
  });
});

describe("failures are errors, not scores", () => {
  it("a crashing harness is a harness_error carrying the stderr tail; the run goes on", async () => {
    const { records } = await runRecords({
      suites: ["arith"],
      limit: 2,
      harnesses: [`exec:python3 ${FIXTURES}/crash-harness.py`, "prompt"],
    });
    const crashed = records.filter((record) => record.harness.includes("crash-harness"));
    expect(crashed).toHaveLength(2);
    for (const record of crashed) {
      expect(record.stopReason).toBe("harness_error");
      expect(record.score).toBeNull();
      expect(record.error?.kind).toBe("harness");
      expect(record.error?.message).toMatch(/exited with code 3/);
      expect(record.error?.message).toMatch(/KeyError: 'boom-in-the-harness'/);
    }
    expect(records.filter((record) => record.harness === "prompt" && record.score !== null)).toHaveLength(2);
  });

  it("a provider fault behind the gateway is a provider error of the sample", async () => {
    const server = await startOpenAIServer({
      handler: () => ({ error: { status: 400, message: "the provider refused this request" } }),
    });
    try {
      const { records } = await runRecords(
        {
          suites: ["arith"],
          limit: 1,
          harnesses: ["exec:python3 examples/external-python-prompt.py"],
          models: [{ id: "openai:gpt-test", tier: "mid", baseURL: `${server.url}/v1` }],
        },
        { OPENAI_API_KEY: "sk-test-provider-key-123" },
      );
      const [record] = records;
      expect(record!.stopReason).toBe("provider_error");
      expect(record!.score).toBeNull();
      expect(record!.error).toMatchObject({ kind: "provider", status: 400 });
      expect(record!.error?.message).toMatch(/the provider refused this request/);
      // One call reached the provider, with capbench's key, not the child's token.
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]!.headers.authorization).toBe("Bearer sk-test-provider-key-123");
    } finally {
      await server.close();
    }
  });

  it("the wall-time limit kills the child's whole process group", async () => {
    const pidDir = mkdtempSync(path.join(root, "pids-"));
    const { records } = await runRecords({
      suites: ["arith"],
      limit: 1,
      harnesses: [`exec:python3 ${FIXTURES}/sleep-harness.py ${pidDir}`],
      limits: { timeoutMs: 1_500 },
    });
    expect(records[0]!.stopReason).toBe("timeout");
    const files = readdirSync(pidDir);
    expect(files).toHaveLength(1);
    const pids = JSON.parse(readFileSync(path.join(pidDir, files[0]!), "utf8")) as Record<string, number>;
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let attempt = 0; attempt < 50 && (alive(pids.child!) || alive(pids.grandchild!)); attempt++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(pids.child!)).toBe(false);
    expect(alive(pids.grandchild!)).toBe(false);
  });
});

describe("the same machinery as a built-in harness", () => {
  it("calls through the gateway are served from the response cache on a second run", async () => {
    const server = await startOpenAIServer({
      handler: (request) => ({ text: `Answer: ${request.body.messages.length}` }),
    });
    try {
      const user: UserConfig = {
        suites: ["arith"],
        limit: 3,
        harnesses: ["exec:python3 examples/external-python-prompt.py"],
        models: [{ id: "openai:gpt-test", tier: "mid", baseURL: `${server.url}/v1` }],
        cache: { mode: "enabled", dir: mkdtempSync(path.join(root, "cache-")) },
      };
      const env = { OPENAI_API_KEY: "sk-test-provider-key-123" };
      const first = await runRecords(user, env);
      expect(server.requests).toHaveLength(3);
      const second = await runRecords(user, env);
      expect(server.requests).toHaveLength(3); // nothing reached the provider the second time
      expect(first.records.map((record) => record.cachedCalls)).toEqual([0, 0, 0]);
      expect(second.records.map((record) => record.cachedCalls)).toEqual([1, 1, 1]);
      expect(second.records.map((record) => record.answer)).toEqual(["2", "2", "2"]);
    } finally {
      await server.close();
    }
  });
});

describe("scratch tools over MCP", () => {
  it("scratchTools serves write_file, read_file and list_files on the sample's scratch directory, traced", async () => {
    const script = [
      "import importlib.util, json, os, sys",
      "spec = importlib.util.spec_from_file_location('agent', 'examples/external-python-mcp-agent.py')",
      "agent = importlib.util.module_from_spec(spec); spec.loader.exec_module(agent)",
      "sys.stdin.read()",
      "mcp = agent.McpClient(os.environ['CAPBENCH_MCP_URL']); mcp.initialize()",
      "names = [tool['name'] for tool in mcp.list_tools()]",
      "mcp.call_tool('write_file', {'path': 'notes/a.txt', 'content': 'kept'})",
      "text, _ = mcp.call_tool('read_file', {'path': 'notes/a.txt'})",
      "on_disk = open(os.path.join(os.environ['CAPBENCH_SCRATCH_DIR'], 'notes/a.txt')).read()",
      "print(json.dumps({'answer': json.dumps([names, text, on_disk])}))",
    ].join("\n");
    const harness = createExternalHarness({
      name: "scratch-probe",
      command: ["python3", "-c", script],
      env: { PYTHONDONTWRITEBYTECODE: "1" },
      baseDir: REPO,
      scratchTools: true,
    });
    const { value, outcome } = await withSampleContext((context) => harness.run(context));
    expect(value.stopReason).toBe("answered");
    expect(JSON.parse(value.answer)).toEqual([
      ["search", "read", "write_file", "read_file", "list_files"],
      "kept",
      "kept",
    ]);
    const tools = outcome.trace.filter((event) => event.type === "tool") as Array<{ call: { name: string } }>;
    expect(tools.map((event) => event.call.name)).toEqual(["write_file", "read_file"]);
  });
});

describe("the child's environment", () => {
  it("holds no secret of the parent: only the gateway's token, URLs and the allow-listed basics", async () => {
    const secrets: Record<string, string> = {
      OPENAI_API_KEY: "sk-parent-openai-FAKE-0123456789",
      ANTHROPIC_API_KEY: "sk-ant-parent-FAKE-0123456789",
      GROQ_API_KEY: "gsk_parentFAKE0123456789",
      AWS_SECRET_ACCESS_KEY: "parentAwsSecretFAKE0123456789",
      GITHUB_TOKEN: "ghp_parentFAKE0123456789",
      MY_DATABASE_PASSWORD: "parent-db-password-FAKE",
      HTTPS_PROXY: "http://proxyuser:proxy-pass-FAKE@proxy.example:8080",
    };
    for (const [name, value] of Object.entries(secrets)) vi.stubEnv(name, value);
    const { records } = await runRecords({
      suites: ["multihop"],
      limit: 1,
      harnesses: [`exec:python3 ${FIXTURES}/env-harness.py`],
    });
    const dumped = JSON.parse(records[0]!.answer) as {
      env: Record<string, string>;
      task: Record<string, unknown>;
      cwd: string;
    };
    const everything = JSON.stringify(dumped.env);
    for (const value of Object.values(secrets)) expect(everything).not.toContain(value);
    for (const name of ["GROQ_API_KEY", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "MY_DATABASE_PASSWORD", "HTTPS_PROXY"])
      expect(dumped.env[name]).toBeUndefined();
    const token = dumped.env.OPENAI_API_KEY!;
    expect(token).toMatch(/^capbench-[0-9a-f]{48}$/);
    expect(dumped.env.ANTHROPIC_API_KEY).toBe(token);
    expect(dumped.env.OPENAI_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(dumped.env.ANTHROPIC_BASE_URL).toBe(dumped.env.OPENAI_BASE_URL!.replace(/\/v1$/, ""));
    expect(dumped.env.CAPBENCH_MCP_URL).toBe(`${dumped.env.ANTHROPIC_BASE_URL}/mcp/${token}`);
    expect(dumped.env.CAPBENCH_MODEL).toBe("sim:frontier");
    expect(existsSync(dumped.env.CAPBENCH_SCRATCH_DIR!)).toBe(false); // removed after the sample
    // (pyenv's python prepends its own directories to PATH)
    expect(dumped.env.PATH!.endsWith(process.env.PATH!)).toBe(true);
    expect(dumped.cwd).toBe(REPO);
    // The task on stdin: never the expected answer, and not the metadata (multihop's chain names it).
    expect(Object.keys(dumped.task).sort()).toEqual(["documents", "id", "prompt", "tools"]);
    expect(JSON.stringify(dumped.task)).not.toContain('"expected"');
    // The token is not written anywhere but in this test's own answer.
    expect(JSON.stringify(records[0]!.error ?? "")).not.toContain(token);
  });
});
