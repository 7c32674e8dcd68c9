// `capbench import inspect` end to end: the real Inspect logs in ../shared/data/inspect-logs
// (written by Inspect 0.3.41–0.3.43), then synthetic logs in the current format (agent and
// scorer spans, message pools, attachments, NaN scores, errors, limits, dict scores, zstd),
// each followed by `capbench report` and `capbench gate` on the imported directory.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Summary } from "../src/analysis/summary-types.js";
import { runCli } from "../src/cli/run-cli.js";
import { readTrace } from "../src/store/trace-file.js";
import type { TraceEvent } from "../src/types.js";
import { readSampleFile, tempDir } from "./cli-helpers.js";
import { SHARED_DATA, sharedData } from "./shared-data.js";
import { buildZip, zstdCompress } from "./zip-builder.js";

async function cli(argv: string[], cwd = tempDir()) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    env: {},
  });
  return { code, stdout, stderr };
}

const LOGS = ["input-task.eval", "log_formats.eval", "input-task.json"].map((name) =>
  sharedData(`inspect-logs/${name}`),
);

describe.skipIf(!SHARED_DATA)("import the real Inspect logs (Inspect 0.3.41–0.3.43)", () => {
  it("refuses to guess a tier, and writes nothing", async () => {
    const out = path.join(tempDir(), "run");
    const result = await cli(["import", "inspect", ...LOGS, "--tiers", "openai/gpt-4o-mini=frontier", "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no tier for ollama:llama3\.1 \(.*log_formats\.eval\)/);
    expect(existsSync(out)).toBe(false);
  });

  it("imports three logs into one matrix that report and gate read", async () => {
    const out = path.join(tempDir(), "run");
    const imported = await cli([
      "import",
      "inspect",
      ...LOGS,
      "--tiers",
      "openai/gpt-4o-mini=frontier,ollama:llama3.1=low",
      "--out",
      out,
      "--no-progress",
    ]);
    expect(imported.stderr).toMatch(/input-task\.json: 1 sample with a \(task, epoch\) pair already in an earlier log/);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("Imported 3 samples from 3 Inspect logs: 2 passed");

    const records = readSampleFile(out);
    expect(records.map((record) => record.key)).toEqual([
      "input_task|1|input_solver+generate|openai:gpt-4o-mini|0",
      "popularity|1|system_message+generate|ollama:llama3.1|0",
      "input_task|1|input_solver+generate|openai:gpt-4o-mini|1",
    ]);
    const [first, popularity, second] = records;
    // model_graded_fact wrote "C": a pass; match wrote "I": a fail.
    expect(first!.score).toMatchObject({ value: 1, pass: true });
    expect(first!.score!.explanation).toMatch(/GRADE: C$/);
    expect(popularity!.score).toEqual({ value: 0, pass: false, explanation: 'Inspect match: "I"' });
    expect(popularity!.answer).toBe("No");
    expect(second!.answer).toMatch(/^Yo, in February, St\. Paul/);
    // Usage of the solver's call only: the grader's call (same model) is not the harness's.
    expect(first!.usage).toEqual({ inputTokens: 52, outputTokens: 61, cacheReadTokens: 0, cacheWriteTokens: 0 });
    expect(first!.modelCalls).toBe(1);
    expect(first!.costUsd).toBeCloseTo((52 * 0.15 + 61 * 0.6) / 1e6, 12); // capbench's gpt-4o-mini price
    expect(popularity!.costUsd).toBeNull(); // Ollama: no price, never $0
    expect(popularity!.latencyMs).toBeGreaterThan(0);

    const trace = readTrace(out, popularity!)!.events;
    expect(trace).toHaveLength(1);
    const call = trace[0] as Extract<TraceEvent, { type: "model" }>;
    // The system message and the user input were `tc://` attachments in the log.
    expect(call.request.system).toMatch(/only respond with exactly "Yes" or "No"/);
    expect(call.request.messages).toEqual([{ role: "user", content: expect.stringMatching(/^Is the following/) }]);
    expect(call.request.temperature).toBe(1);
    expect(call.response).toMatchObject({ text: "No", finishReason: "stop" });

    const info = JSON.parse(readFileSync(path.join(out, "run.json"), "utf8"));
    expect(info).toMatchObject({
      status: "complete",
      counts: { planned: 3, done: 3, errors: 0 },
      config: {
        command: "import",
        epochs: 2,
        models: [
          { id: "openai:gpt-4o-mini", tier: "frontier" },
          { id: "ollama:llama3.1", tier: "low" },
        ],
      },
    });

    const report = await cli(["report", out, "--json"]);
    expect(report.code).toBe(0);
    const summary = JSON.parse(report.stdout) as Summary;
    expect(summary.cells.map((cell) => [cell.suite, cell.harness, cell.model, cell.mean])).toEqual(
      expect.arrayContaining([
        ["input_task", "input_solver+generate", "openai:gpt-4o-mini", 1],
        ["popularity", "system_message+generate", "ollama:llama3.1", 0],
      ]),
    );
    expect(existsSync(path.join(out, "report.html"))).toBe(true);

    const failing = await cli(["gate", out, "--min-score", "0.5"]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/FAILED min-score popularity \/ system_message\+generate \/ low: 0\.00 < 0\.50/);
    const passing = await cli(["gate", out, "--min-score", "frontier=0.9", "--max-error-rate", "0"]);
    expect(passing.stdout).toContain("gate passed");
    expect(passing.code).toBe(0);
  });
});

// ---------------------------------------------------------------- synthetic current-format logs

const T0 = Date.parse("2026-05-01T10:00:00.000Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

function header(model: string, solver: string, extra: Record<string, unknown> = {}) {
  return {
    version: 2,
    status: "success",
    eval: {
      eval_id: `e-${model}-${solver}`,
      run_id: "r1",
      created: at(0),
      task: "arith_qa",
      task_id: "t1",
      task_version: 0,
      model,
      config: { epochs: 1 },
      ...extra,
    },
    plan: { name: "plan", steps: [{ solver, params: {} }], config: {} },
    results: {
      total_samples: 2,
      completed_samples: 2,
      scores: [{ name: "grader", scorer: "model_graded_qa", params: {}, metrics: {} }],
    },
    stats: { started_at: at(0), completed_at: at(60), model_usage: {} },
  };
}

/** A sample as Inspect ≥ 0.3.206 writes it: agent and scorer spans, pooled inputs, attachments. */
function agentSample(model: string, id: number, value: unknown) {
  const usage = (input: number, output: number) => ({
    input_tokens: input,
    output_tokens: output,
    total_tokens: input + output,
    input_tokens_cache_read: 10,
    total_cost: 0.001,
  });
  const base = (seconds: number, span: string) => ({ timestamp: at(seconds), working_start: seconds, span_id: span });
  return {
    id,
    epoch: 1,
    input: "attachment://question",
    target: "42",
    messages: [],
    output: { model, choices: [], completion: "Answer: 42" },
    scores: { grader: { value, explanation: "graded" } },
    metadata: {},
    store: {},
    model_usage: { [model]: usage(999, 999) },
    role_usage: {},
    attachments: { question: "What is 6 × 7?", system: "You are careful.", found: "6 × 7 = 42" },
    events_data: {
      messages: [
        { role: "system", content: "attachment://system" },
        { role: "user", content: "attachment://question" },
      ],
      calls: [],
    },
    total_time: 4.5,
    events: [
      { ...base(0, ""), span_id: null, event: "span_begin", id: "solvers", name: "solvers", type: "solvers" },
      { ...base(0, "solvers"), event: "span_begin", id: "react", name: "react", type: "agent", parent_id: "solvers" },
      {
        ...base(0.5, "react"),
        event: "model",
        model,
        input: [],
        input_refs: [[0, 2]],
        tools: [
          {
            name: "search",
            description: "Search notes",
            parameters: { type: "object", properties: { q: { type: "string", default: null } }, required: ["q"] },
          },
        ],
        tool_choice: "auto",
        config: { max_tokens: 256 },
        output: {
          model,
          completion: "Let me look.",
          choices: [
            {
              message: {
                role: "assistant",
                content: [
                  { type: "reasoning", reasoning: "think", redacted: false },
                  { type: "text", text: "Let me look." },
                ],
                tool_calls: [{ id: "call-1", function: "search", arguments: { q: "6*7" }, type: "function" }],
              },
              stop_reason: "tool_calls",
            },
          ],
          usage: usage(100, 20),
        },
        working_time: 1.25,
      },
      { ...base(2, "react"), event: "span_begin", id: "helper", name: "researcher", type: "agent", parent_id: "react" },
      {
        ...base(2, "helper"),
        event: "tool",
        type: "function",
        id: "call-1",
        function: "search",
        arguments: { q: "6*7" },
        result: "attachment://found",
        events: [],
        working_time: 0.5,
      },
      { ...base(2.5, "helper"), event: "span_end", id: "helper" },
      {
        ...base(3, "react"),
        event: "model",
        model,
        input: [{ role: "user", content: "attachment://question" }],
        tools: [],
        tool_choice: "none",
        config: {},
        output: {
          model,
          completion: "Answer: 42",
          choices: [{ message: { role: "assistant", content: "Answer: 42" }, stop_reason: "stop" }],
          usage: usage(200, 10),
        },
        working_time: 1,
      },
      { ...base(4, "react"), event: "span_end", id: "react" },
      { ...base(4, "solvers"), event: "span_end", id: "solvers" },
      { ...base(4, ""), span_id: null, event: "span_begin", id: "scorers", name: "scorers", type: "scorers" },
      { ...base(4, "scorers"), event: "span_begin", id: "grade", name: "grader", type: "scorer", parent_id: "scorers" },
      {
        ...base(4.1, "grade"),
        event: "model",
        model,
        input: [{ role: "user", content: "grade this" }],
        tools: [],
        tool_choice: "none",
        config: {},
        output: {
          model,
          choices: [{ message: { role: "assistant", content: "GRADE: C" }, stop_reason: "stop" }],
          usage: usage(500, 5),
        },
      },
      { ...base(4.4, "grade"), event: "score", score: { value }, intermediate: false },
      { ...base(4.5, "grade"), event: "span_end", id: "grade" },
      { ...base(4.5, "scorers"), event: "span_end", id: "scorers" },
    ],
  };
}

/** Edge cases, in a plain `generate` log: NaN, an error, a limit, a dict-valued score. */
function edgeSamples(model: string) {
  const plain = (id: number, extra: Record<string, unknown>) => ({
    id,
    epoch: 1,
    input: `question ${id}`,
    target: "x",
    messages: [
      { role: "user", content: `question ${id}` },
      { role: "assistant", content: `answer ${id}` },
    ],
    output: { model, choices: [{ message: { role: "assistant", content: `answer ${id}` }, stop_reason: "stop" }] },
    metadata: {},
    store: {},
    events: [],
    model_usage: { [model]: { input_tokens: 10, output_tokens: 2, total_tokens: 12 } },
    ...extra,
  });
  return [
    plain(1, { scores: { grader: { value: { correct: "C", style: "P" } } } }),
    plain(2, { scores: { grader: { value: { correct: "I", style: "C" } } } }),
    plain(3, { scores: { grader: { value: "NAN_TOKEN" } } }),
    plain(4, { scores: null, error: { message: "RateLimitError: 429 Too Many Requests", traceback: "" } }),
    plain(5, { scores: { grader: { value: { correct: "C", style: "C" } } }, limit: { type: "token", limit: 1000 } }),
  ];
}

function writeJsonLog(file: string, log: Record<string, unknown>): string {
  // Python writes NaN as a bare token; so does this fixture.
  writeFileSync(file, JSON.stringify(log).replaceAll('"NAN_TOKEN"', "NaN"));
  return file;
}

function writeEvalLog(file: string, log: { samples: Record<string, unknown>[] } & Record<string, unknown>): string {
  const { samples, ...rest } = log;
  const method = zstdCompress(new Uint8Array([1])) ? "zstd" : "deflate";
  writeFileSync(
    file,
    buildZip([
      { name: "_journal/start.json", data: JSON.stringify({ version: 2, eval: rest.eval, plan: rest.plan }) },
      ...samples.map((sample) => ({
        name: `samples/${String(sample.id)}_epoch_${String(sample.epoch)}.json`,
        data: JSON.stringify(sample),
        method: method as "zstd" | "deflate",
      })),
      { name: "header.json", data: JSON.stringify(rest), method: method as "zstd" | "deflate" },
    ]),
  );
  return file;
}

describe("import synthetic logs in the current Inspect format", () => {
  it("two models × two solvers make one matrix; trajectories, usage and cost come from the solver's calls", async () => {
    const dir = tempDir();
    const logs = [];
    for (const model of ["openai/gpt-5-mini", "anthropic/claude-sonnet-4-5"]) {
      const short = model.split("/")[1];
      logs.push(
        writeEvalLog(path.join(dir, `${short}-react.eval`), {
          ...header(model, "react"),
          samples: [agentSample(model, 1, "C"), agentSample(model, 2, model.startsWith("openai") ? "I" : "C")],
        }),
      );
      logs.push(
        writeJsonLog(path.join(dir, `${short}-generate.json`), {
          ...header(model, "generate"),
          samples: [agentSample(model, 1, "I"), agentSample(model, 2, "P")],
        }),
      );
    }
    const config = path.join(dir, "capbench.config.yaml");
    writeFileSync(config, "models:\n  low: [openai:gpt-5-mini]\n  frontier: [anthropic:claude-sonnet-4-5]\n");
    const out = path.join(dir, "run");
    const imported = await cli(["import", "inspect", dir, "--config", config, "--out", out, "--no-progress"], dir);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);

    const records = readSampleFile(out);
    expect(records).toHaveLength(8);
    expect(new Set(records.map((record) => `${record.harness} ${record.model} ${record.tier}`))).toEqual(
      new Set([
        "react openai:gpt-5-mini low",
        "generate openai:gpt-5-mini low",
        "react anthropic:claude-sonnet-4-5 frontier",
        "generate anthropic:claude-sonnet-4-5 frontier",
      ]),
    );
    const sample = records.find((record) => record.harness === "react" && record.model === "openai:gpt-5-mini")!;
    expect(sample.answer).toBe("Answer: 42");
    expect(sample.score).toEqual({ value: 1, pass: true, explanation: "graded" });
    // Two solver calls (100 + 200 uncached input, 10 cached each); the grader's 500 are not counted.
    expect(sample.usage).toEqual({ inputTokens: 320, outputTokens: 30, cacheReadTokens: 20, cacheWriteTokens: 0 });
    expect(sample.costUsd).toBeCloseTo(0.002, 12); // the log's total_cost, not capbench's price table
    expect(sample.latencyMs).toBe(4500);
    expect([sample.modelCalls, sample.toolCalls]).toEqual([2, 1]);
    const partial = records.find((record) => record.harness === "generate" && record.taskId === "2")!;
    expect(partial.score).toMatchObject({ value: 0.5, pass: false });

    const events = readTrace(out, sample)!.events;
    expect(events.map((event) => [event.type, event.agent])).toEqual([
      ["model", "main"],
      ["tool", "main/researcher"],
      ["model", "main"],
    ]);
    const [firstCall, tool] = events as [Extract<TraceEvent, { type: "model" }>, Extract<TraceEvent, { type: "tool" }>];
    expect(firstCall.request).toEqual({
      system: "You are careful.",
      messages: [{ role: "user", content: "What is 6 × 7?" }],
      tools: [
        {
          name: "search",
          description: "Search notes",
          parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"] },
        },
      ],
      maxOutputTokens: 256,
    });
    expect(firstCall.response).toMatchObject({
      text: "Let me look.",
      toolCalls: [{ id: "call-1", name: "search", arguments: { q: "6*7" } }],
      finishReason: "tool_calls",
      latencyMs: 1250,
    });
    expect(tool).toMatchObject({
      call: { name: "search" },
      result: { content: "6 × 7 = 42", isError: false },
      latencyMs: 500,
    });

    const report = await cli(["report", out, "--json"], dir);
    expect(report.code).toBe(0);
    const summary = JSON.parse(report.stdout) as Summary;
    expect(summary.cells).toHaveLength(4);
    const react = summary.cells.filter((cell) => cell.harness === "react").map((cell) => [cell.tier, cell.mean]);
    expect(react).toEqual(
      expect.arrayContaining([
        ["low", 0.5],
        ["frontier", 1],
      ]),
    );
  });

  it("keeps unscored and errored samples as errors, never as passes; --scorer picks a dict key", async () => {
    const dir = tempDir();
    const model = "openai/gpt-5-mini";
    const log = writeJsonLog(path.join(dir, "edge.json"), {
      ...header(model, "generate"),
      samples: edgeSamples(model),
    });
    const mean = await cli(
      ["import", "inspect", log, "--tier", "mid", "--out", path.join(dir, "mean"), "--no-progress"],
      dir,
    );
    expect(mean.code).toBe(0);
    expect(mean.stdout).toContain("Imported 5 samples from 1 Inspect log: 1 passed, 1 unscored, 1 errored");
    const byTask = Object.fromEntries(readSampleFile(path.join(dir, "mean")).map((record) => [record.taskId, record]));
    expect(byTask["1"]!.score).toMatchObject({ value: 0.75, pass: false }); // mean of C and P
    expect(byTask["3"]!.score).toBeNull();
    expect(byTask["3"]!.error).toEqual({
      kind: "scorer",
      message: "unscored in the Inspect log (the value is NaN or missing)",
    });
    expect(byTask["4"]!).toMatchObject({ score: null, stopReason: "provider_error", error: { kind: "provider" } });
    expect(byTask["5"]!).toMatchObject({ stopReason: "token_budget", score: { value: 1, pass: true } });

    const keyed = await cli(
      [
        "import",
        "inspect",
        log,
        "--tier",
        "mid",
        "--scorer",
        "grader:style",
        "--out",
        path.join(dir, "style"),
        "--no-progress",
      ],
      dir,
    );
    expect(keyed.code).toBe(0);
    const styled = Object.fromEntries(readSampleFile(path.join(dir, "style")).map((record) => [record.taskId, record]));
    expect([styled["1"]!.score?.value, styled["2"]!.score?.value]).toEqual([0.5, 1]);

    const gate = await cli(["gate", path.join(dir, "mean"), "--max-error-rate", "0.2"], dir);
    expect(gate.code).toBe(1);
    expect(gate.stdout).toMatch(/FAILED max-error-rate .*2 of 5 samples errored/);

    const scale = writeJsonLog(path.join(dir, "scale.json"), {
      ...header(model, "generate"),
      samples: [{ ...edgeSamples(model)[0], scores: { grader: { value: 7 } } }],
    });
    const refused = await cli(["import", "inspect", scale, "--tier", "mid", "--out", path.join(dir, "scale")], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/scale\.json: sample 1 epoch 1: scores\.grader: 7 is outside \[0, 1\]/);
    expect(existsSync(path.join(dir, "scale"))).toBe(false);
  });
});
