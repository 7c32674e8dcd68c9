// OpenTelemetry export end to end: a simulated run's samples go through the real SDK and
// OTLP/HTTP exporter to a receiver on 127.0.0.1, which decodes the JSON the exporter sends;
// the spans, their parent links, timings and GenAI attributes are checked against the run's
// own samples and traces. Also: `capbench --help` loads no OpenTelemetry package.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/run-cli.js";
import { resolveConfig } from "../src/config/resolve-config.js";
import { createOtelExporter } from "../src/interop/otel/create-otel-exporter.js";
import { observerReporter } from "../src/interop/otel/observer-reporter.js";
import { otelSettings } from "../src/interop/otel/otel-settings.js";
import { readTrace } from "../src/store/trace-file.js";
import { run as runMatrix } from "../src/runner/run.js";
import type { SampleRecord, TraceEvent } from "../src/types.js";
import { BIN, ROOT, readSampleFile, tempDir } from "./cli-helpers.js";

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values: OtlpValue[] };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: { key: string; value: OtlpValue }[];
  events: { name: string; timeUnixNano: string; attributes: { key: string; value: OtlpValue }[] }[];
  status: { code: number; message?: string };
}

/** A minimal OTLP/HTTP receiver: POST /v1/traces with a JSON body. */
async function startReceiver() {
  const spans: OtlpSpan[] = [];
  const resources: unknown[] = [];
  const contentTypes: string[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      if (request.method !== "POST" || request.url !== "/v1/traces") {
        response.writeHead(404).end();
        return;
      }
      contentTypes.push(String(request.headers["content-type"]));
      const payload = JSON.parse(body) as {
        resourceSpans: { resource: unknown; scopeSpans: { spans: OtlpSpan[] }[] }[];
      };
      for (const resourceSpans of payload.resourceSpans) {
        resources.push(resourceSpans.resource);
        for (const scope of resourceSpans.scopeSpans) spans.push(...scope.spans);
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, spans, resources, contentTypes, close: () => new Promise((resolve) => server.close(resolve)) };
}

function attributes(list: { key: string; value: OtlpValue }[]): Record<string, unknown> {
  const value = (item: OtlpValue): unknown =>
    item.stringValue ??
    (item.intValue !== undefined ? Number(item.intValue) : undefined) ??
    item.doubleValue ??
    item.boolValue ??
    item.arrayValue?.values.map(value);
  return Object.fromEntries(list.map((item) => [item.key, value(item.value)]));
}

const ms = (nanos: string) => Number(BigInt(nanos) / 1000n) / 1000;

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: tempDir(),
    env,
  });
  return { code, stdout, stderr };
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let run = "";
let records: SampleRecord[] = [];
let traces = new Map<string, TraceEvent[]>();

beforeAll(async () => {
  receiver = await startReceiver();
  run = path.join(tempDir("capbench-otel-"), "run");
  const result = await cli([
    "run",
    "--suite",
    "multihop",
    "--harness",
    "agent,multi-agent",
    "--models",
    "sim:frontier",
    "--limit",
    "2",
    "--out",
    run,
    "--no-progress",
    "--no-cache",
  ]);
  expect(result.code, result.stderr).toBe(0);
  records = readSampleFile(run);
  traces = new Map(records.map((record) => [record.key, readTrace(run, record)!.events]));
});
afterAll(() => receiver.close());

describe("OpenTelemetry export", () => {
  it("sends an invoke_agent span per sample with chat and execute_tool children, timed from the trace", async () => {
    receiver.spans.length = 0;
    const settings = otelSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url })!;
    const observer = await createOtelExporter(settings, { runId: "run-1", version: "9.9.9" });
    for (const record of records) observer.onSample(record, traces.get(record.key)!);
    await observer.shutdown();
    expect(observer.failure).toBeNull();
    expect(observer.exported).toBe(observer.spans);
    expect(receiver.contentTypes.every((type) => type === "application/json")).toBe(true);
    expect(JSON.stringify(receiver.resources[0])).toContain('"service.name","value":{"stringValue":"capbench"}');

    const byId = new Map(receiver.spans.map((span) => [span.spanId, span]));
    const roots = receiver.spans.filter((span) => !span.parentSpanId);
    expect(roots).toHaveLength(records.length);
    expect(new Set(roots.map((span) => span.traceId)).size).toBe(records.length);
    expect(receiver.spans).toHaveLength(observer.spans);

    for (const record of records) {
      const root = roots.find((span) => attributes(span.attributes)["gen_ai.conversation.id"] === record.key)!;
      expect(root.name).toBe(`invoke_agent ${record.harness}`);
      expect(root.kind).toBe(1); // INTERNAL: the agent runs in-process
      expect(attributes(root.attributes)).toMatchObject({
        "gen_ai.operation.name": "invoke_agent",
        "gen_ai.agent.name": record.harness,
        "gen_ai.provider.name": "capbench.sim",
        "gen_ai.request.model": "frontier",
        "gen_ai.usage.input_tokens": record.usage.inputTokens,
        "gen_ai.usage.output_tokens": record.usage.outputTokens,
        "capbench.run.id": "run-1",
        "capbench.task.id": record.taskId,
        "capbench.stop_reason": record.stopReason,
      });
      const evaluation = root.events.find((event) => event.name === "gen_ai.evaluation.result")!;
      expect(attributes(evaluation.attributes)).toEqual({
        "gen_ai.evaluation.name": "multihop",
        "gen_ai.evaluation.score.value": record.score!.value,
        "gen_ai.evaluation.score.label": record.score!.pass ? "pass" : "fail",
      });

      const inTrace = receiver.spans.filter((span) => span.traceId === root.traceId);
      const chats = inTrace.filter((span) => attributes(span.attributes)["gen_ai.operation.name"] === "chat");
      const tools = inTrace.filter((span) => attributes(span.attributes)["gen_ai.operation.name"] === "execute_tool");
      expect(chats).toHaveLength(record.modelCalls);
      expect(tools).toHaveLength(record.toolCalls);
      for (const span of [...chats, ...tools]) {
        const parent = byId.get(span.parentSpanId!)!;
        expect(attributes(parent.attributes)["gen_ai.operation.name"]).toBe("invoke_agent");
        expect(ms(span.startTimeUnixNano)).toBeGreaterThanOrEqual(ms(parent.startTimeUnixNano) - 0.001);
        expect(ms(span.endTimeUnixNano)).toBeLessThanOrEqual(ms(parent.endTimeUnixNano) + 0.001);
      }

      const events = traces.get(record.key)!;
      // Calls can share a millisecond: order both by time, then by usage (equal usage, equal attributes).
      const calls = events
        .filter((event) => event.type === "model")
        .sort(
          (a, b) =>
            a.at - b.at ||
            a.response!.usage.inputTokens - b.response!.usage.inputTokens ||
            a.response!.usage.outputTokens - b.response!.usage.outputTokens,
        );
      const usageOf = (span: OtlpSpan, name: string) => Number(attributes(span.attributes)[name]);
      chats.sort(
        (a, b) =>
          ms(a.startTimeUnixNano) - ms(b.startTimeUnixNano) ||
          usageOf(a, "gen_ai.usage.input_tokens") - usageOf(b, "gen_ai.usage.input_tokens") ||
          usageOf(a, "gen_ai.usage.output_tokens") - usageOf(b, "gen_ai.usage.output_tokens"),
      );
      calls.forEach((call, index) => {
        const span = chats[index]!;
        expect(span.name).toBe("chat frontier");
        expect(span.kind).toBe(3); // CLIENT
        expect(ms(span.startTimeUnixNano)).toBeCloseTo(call.at, 2);
        expect(ms(span.endTimeUnixNano) - ms(span.startTimeUnixNano)).toBeCloseTo(call.latencyMs, 2);
        expect(attributes(span.attributes)).toMatchObject({
          "gen_ai.usage.input_tokens": call.response!.usage.inputTokens,
          "gen_ai.usage.output_tokens": call.response!.usage.outputTokens,
          "gen_ai.response.finish_reasons": [call.response!.finishReason === "tool_calls" ? "tool_call" : "stop"],
        });
        expect(attributes(span.attributes)["gen_ai.input.messages"]).toBeUndefined(); // contents are opt-in
      });
      // Tool call ids repeat across a sample's agents: pair spans and calls in time order.
      const toolKey = (name: string, id: string) => `${name}\u0000${id}`;
      const toolEvents = events
        .filter((event) => event.type === "tool")
        .sort((a, b) => a.at - b.at || toolKey(a.call.name, a.call.id).localeCompare(toolKey(b.call.name, b.call.id)));
      const spanKey = (span: OtlpSpan) => {
        const attrs = attributes(span.attributes);
        return toolKey(String(attrs["gen_ai.tool.name"]), String(attrs["gen_ai.tool.call.id"]));
      };
      tools.sort((a, b) => ms(a.startTimeUnixNano) - ms(b.startTimeUnixNano) || spanKey(a).localeCompare(spanKey(b)));
      toolEvents.forEach((call, index) => {
        const attrs = attributes(tools[index]!.attributes);
        expect(tools[index]!.name).toBe(`execute_tool ${call.call.name}`);
        expect(attrs).toMatchObject({ "gen_ai.tool.name": call.call.name, "gen_ai.tool.call.id": call.call.id });
        expect(ms(tools[index]!.startTimeUnixNano)).toBeCloseTo(call.at, 2);
        expect(attrs["gen_ai.tool.call.arguments"]).toBeUndefined();
      });

      if (record.harness === "multi-agent") {
        const subAgents = inTrace.filter((span) => span.name.startsWith("invoke_agent multi-agent/sub-"));
        expect(subAgents.length).toBe(new Set(events.filter((e) => e.agent !== "main").map((e) => e.agent)).size);
        for (const sub of subAgents) expect(sub.parentSpanId).toBe(root.spanId);
        const subCalls = chats.filter((span) => subAgents.some((sub) => sub.spanId === span.parentSpanId));
        expect(subCalls.length).toBe(events.filter((e) => e.type === "model" && e.agent !== "main").length);
      }
    }
    expect(records.some((record) => record.harness === "multi-agent" && record.toolCalls > 0)).toBe(true);
  });

  it("adds message contents, tool arguments and results only when opted in", async () => {
    receiver.spans.length = 0;
    const settings = otelSettings(
      { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: "true" },
      {},
    )!;
    const observer = await createOtelExporter(settings);
    const record = records.find((candidate) => candidate.harness === "agent" && candidate.toolCalls > 0)!;
    observer.onSample(record, traces.get(record.key)!);
    await observer.shutdown();
    const chat = receiver.spans.find((span) => span.name === "chat frontier")!;
    const attrs = attributes(chat.attributes);
    const input = JSON.parse(String(attrs["gen_ai.input.messages"])) as { role: string; parts: { type: string }[] }[];
    expect(input[0]).toEqual({ role: "user", parts: [{ type: "text", content: expect.any(String) }] });
    expect(JSON.parse(String(attrs["gen_ai.system_instructions"]))[0].type).toBe("text");
    expect(JSON.parse(String(attrs["gen_ai.output.messages"]))[0]).toMatchObject({ role: "assistant" });
    const tool = receiver.spans.find((span) => span.name.startsWith("execute_tool"))!;
    expect(attributes(tool.attributes)["gen_ai.tool.call.result"]).toEqual(expect.any(String));
    expect(JSON.parse(String(attributes(tool.attributes)["gen_ai.tool.call.arguments"]))).toEqual(expect.any(Object));
  });

  it("a live run feeds the observer through its progress reporter", async () => {
    receiver.spans.length = 0;
    const observer = await createOtelExporter(otelSettings({}, { endpoint: receiver.url })!);
    const dir = path.join(tempDir(), "live");
    const config = resolveConfig(
      { suites: ["arith"], harnesses: ["prompt"], models: ["sim:mid"], limit: 3 },
      { out: dir },
      { configPath: null, cwd: tempDir() },
    );
    const outcome = await runMatrix({ config, reporter: observerReporter(observer) });
    await observer.shutdown();
    expect(observer.failure).toBeNull();
    const roots = receiver.spans.filter((span) => !span.parentSpanId);
    expect(roots).toHaveLength(outcome.counts.done);
    const chats = receiver.spans.filter((span) => span.name === "chat mid");
    expect(chats).toHaveLength(readSampleFile(dir).reduce((sum, record) => sum + record.modelCalls, 0));
    for (const chat of chats) expect(roots.map((root) => root.spanId)).toContain(chat.parentSpanId);
  });

  it("capbench export --format otel replays a finished run; an unreachable collector is an error", async () => {
    receiver.spans.length = 0;
    const sent = await cli(["export", run, "--format", "otel"], { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toBe(
      `Sent ${receiver.spans.length} spans of ${records.length} samples to ${receiver.url}/v1/traces\n`,
    );
    expect(receiver.spans.filter((span) => !span.parentSpanId)).toHaveLength(records.length);

    const closed = await startReceiver();
    await closed.close();
    const refused = await cli(["export", run, "--format", "otel", "--otel", closed.url], {
      OTEL_EXPORTER_OTLP_TIMEOUT: "500",
    });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(
      /spans not accepted \(connect ECONNREFUSED .*\); is an OTLP\/HTTP collector listening there\?/,
    );
  });

  it("capbench run --otel sends every sample's spans as it runs, and the run's traces stay on disk", async () => {
    receiver.spans.length = 0;
    const out = path.join(tempDir(), "run");
    const result = await cli([
      "run",
      "--suite",
      "arith",
      "--limit",
      "3",
      "--models",
      "sim:low,sim:frontier",
      "--no-progress",
      "--out",
      out,
      "--otel",
      receiver.url,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const samples = readSampleFile(out);
    const roots = receiver.spans.filter((span) => !span.parentSpanId);
    expect(roots).toHaveLength(samples.length);
    expect(roots.every((root) => root.name.startsWith("invoke_agent"))).toBe(true);
    const chats = receiver.spans.filter((span) => span.name.startsWith("chat"));
    expect(chats).toHaveLength(samples.reduce((sum, record) => sum + record.modelCalls, 0));
  });

  it.skipIf(!existsSync(BIN))("capbench run without --otel loads no OpenTelemetry package", () => {
    const log = path.join(tempDir(), "imports.log");
    const hook = path.join(ROOT, "test/fixtures/record-imports.mjs");
    const env: NodeJS.ProcessEnv = { ...process.env, CAPBENCH_IMPORT_LOG: log };
    delete env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
    const runDir = tempDir();
    const ran = spawnSync(
      process.execPath,
      [
        "--import",
        hook,
        BIN,
        "run",
        "--limit",
        "2",
        "--models",
        "sim:low",
        "--no-progress",
        "--out",
        path.join(runDir, "out"),
      ],
      { cwd: runDir, env, encoding: "utf8", timeout: 60_000 },
    );
    expect(ran.status, ran.stderr).toBe(0);
    const loaded = readFileSync(log, "utf8").split("\n").filter(Boolean);
    expect(loaded.some((url) => url.endsWith("/dist/src/runner/run-source.js"))).toBe(true); // the hook works
    expect(loaded.filter((url) => url.includes("@opentelemetry"))).toEqual([]);
  });

  it.skipIf(!existsSync(BIN))("capbench --help loads no OpenTelemetry package (zero cost when off)", () => {
    const log = path.join(tempDir(), "imports.log");
    const hook = path.join(ROOT, "test/fixtures/record-imports.mjs");
    const help = spawnSync(process.execPath, ["--import", hook, BIN, "--help"], {
      env: { ...process.env, CAPBENCH_IMPORT_LOG: log },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(help.status).toBe(0);
    const loaded = readFileSync(log, "utf8").split("\n").filter(Boolean);
    expect(loaded.some((url) => url.endsWith("/dist/src/cli/create-program.js"))).toBe(true); // the hook works
    expect(loaded.filter((url) => url.includes("@opentelemetry"))).toEqual([]);
  });
});
