// What the gateway costs: the added latency of one model call through it (HTTP + the wire
// translation, against calling the sample's model client in process), and the overhead of an
// external harness per sample (process start included) against the in-process agent.
// Run: npm run bench gateway (or npm run build && node dist/bench/gateway-bench.js)
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { loadSuite } from "../src/config/load-suite.js";
import { resolveConfig } from "../src/config/resolve-config.js";
import { renderChatCompletion } from "../src/gateway/chat-completions-response.js";
import { startGateway } from "../src/gateway/gateway-server.js";
import {
  anthropicMessagesRoute,
  chatCompletionsRoute,
  type ModelRoute,
  responsesRoute,
} from "../src/gateway/model-routes.js";
import { createSimModel } from "../src/models/sim/sim-model.js";
import { runSample } from "../src/runner/run-sample.js";
import { run } from "../src/runner/run.js";
import type { HarnessContext, ModelRequest, SampleRecord } from "../src/types.js";

export interface GatewayBenchRow {
  label: string;
  /** Mean milliseconds per model call (per sample in `samples`). */
  ms: number;
  /** ms minus the baseline of its table (the same client against a bare server; the in-process agent). */
  addedMs: number;
}

export interface GatewayBenchResult {
  calls: number;
  rounds: number;
  perCall: GatewayBenchRow[];
  samples: number;
  perSample: GatewayBenchRow[];
}

function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

async function timePerCall(calls: number, call: () => Promise<unknown>): Promise<number> {
  for (let index = 0; index < 20; index++) await call(); // warm-up: connections, JIT
  const started = performance.now();
  for (let index = 0; index < calls; index++) await call();
  return (performance.now() - started) / calls;
}

/** Runs `body` with the context of a real sample (runSample on a multihop task, sim:frontier). */
async function insideSample(root: string, body: (context: HarnessContext) => Promise<void>): Promise<void> {
  const suite = await loadSuite("multihop", {
    cwd: root,
    baseDir: root,
    seed: 1,
    limit: 1,
    sandbox: "unsafe-none",
    suiteOptions: { multihop: { levels: [3], perLevel: 1 } },
  });
  const task = suite.tasks[0]!;
  let failure: unknown = null;
  const harness = {
    name: "bench",
    async run(context: HarnessContext) {
      await body(context).catch((error: unknown) => (failure = error));
      return { answer: "", stopReason: "answered" as const };
    },
  };
  const scratchRoot = mkdtempSync(path.join(os.tmpdir(), "capbench-gateway-bench-"));
  try {
    await runSample(
      {
        key: "bench",
        suite,
        task,
        harness: { label: "bench", harness, options: {}, ref: "bench" },
        model: {
          client: createSimModel({ id: "sim:frontier", tier: "frontier" }, { seed: 1 }),
          tier: "frontier",
          price: null,
        },
        epoch: 0,
      },
      {
        limits: { maxTurns: 1e9, maxTokens: 1e12, maxCostUsd: null, timeoutMs: 3_600_000 },
        runSignal: new AbortController().signal,
        scratchRoot,
        seed: 1,
      },
    );
  } finally {
    rmSync(scratchRoot, { recursive: true, force: true });
  }
  if (failure) throw failure;
}

/** A bare HTTP server answering every POST with the same chat completion: the round-trip floor. */
async function startPlainServer(reply: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(reply) });
      response.end(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// The clients run in child processes, as external harnesses do (a client sharing the
// server's event loop measures that loop, not the gateway). Each times its own calls.
const PYTHON_CLIENT = [
  "import json, sys, time, urllib.request",
  "url, token, body, calls = sys.argv[1], sys.argv[2], sys.argv[3].encode(), int(sys.argv[4])",
  "def call():",
  "    request = urllib.request.Request(url + '/chat/completions', data=body, headers={'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json'})",
  "    with urllib.request.urlopen(request) as response: json.load(response)",
  "for _ in range(20): call()",
  "started = time.perf_counter()",
  "for _ in range(calls): call()",
  "print((time.perf_counter() - started) * 1000 / calls)",
].join("\n");
const NODE_CLIENT = `
const [url, token, body, calls, mode] = process.argv.slice(1);
const request = JSON.parse(body);
const { default: OpenAI } = await import("openai");
const { default: Anthropic } = await import("@anthropic-ai/sdk");
const openai = new OpenAI({ baseURL: url, apiKey: token, maxRetries: 0 });
const anthropic = new Anthropic({ baseURL: url.replace(/\\/v1$/, ""), apiKey: token, maxRetries: 0 });
const call = {
  chat: () => openai.chat.completions.create(request.chat),
  "chat-stream": () => openai.chat.completions.stream(request.chat).finalChatCompletion(),
  "responses-stream": () => openai.responses.stream(request.responses).finalResponse(),
  "messages-stream": () => anthropic.messages.stream(request.messages).finalMessage(),
}[mode];
for (let index = 0; index < 20; index++) await call();
const started = performance.now();
for (let index = 0; index < Number(calls); index++) await call();
console.log((performance.now() - started) / Number(calls));
`;

async function perCallRows(root: string, calls: number, rounds: number): Promise<GatewayBenchRow[]> {
  const gateway = await startGateway();
  const rows: GatewayBenchRow[] = [];
  const exec = promisify(execFile);
  try {
    await insideSample(root, async (context) => {
      const handle = gateway.openSession(context);
      // The agent's first request on a 3-hop task: system, question, the task's tool specs.
      const system = "You are an agent that solves a task using the tools you are given.";
      const request: ModelRequest = {
        system,
        messages: [{ role: "user", content: context.task.prompt }],
        tools: context.tools.specs,
      };
      const chat = {
        model: "m",
        messages: [
          { role: "system", content: system },
          { role: "user", content: context.task.prompt },
        ],
        tools: context.tools.specs.map((spec) => ({ type: "function", function: spec })),
      };
      const bodies = JSON.stringify({
        chat,
        responses: {
          model: "m",
          instructions: system,
          input: context.task.prompt,
          tools: context.tools.specs.map((spec) => ({ type: "function", strict: false, ...spec })),
        },
        messages: {
          model: "m",
          max_tokens: 1024,
          system,
          messages: [{ role: "user", content: context.task.prompt }],
          tools: context.tools.specs.map((spec) => ({
            name: spec.name,
            description: spec.description,
            input_schema: spec.parameters,
          })),
        },
      });
      const reply = JSON.stringify(
        renderChatCompletion(await context.model.generate(request), { id: "x", created: 0, model: "m" }),
      );
      const plain = await startPlainServer(reply);
      const python = async (url: string) =>
        Number(
          (await exec("python3", ["-c", PYTHON_CLIENT, url, handle.token, JSON.stringify(chat), String(calls)])).stdout,
        );
      const node = async (url: string, mode: string) =>
        Number(
          (
            await exec(
              process.execPath,
              ["--input-type=module", "-e", NODE_CLIENT, url, handle.token, bodies, String(calls), mode],
              { cwd: root },
            )
          ).stdout,
        );
      // The machine may be shared: measurements alternate over rounds and the fastest round counts.
      // The gateway's own work for one call, in process: parse, translate, the model call, render, serialize.
      const handled = (route: ModelRoute, body: unknown) => async () => {
        const reply = await route.handle(body, handle.session, new AbortController().signal);
        return reply.kind === "json"
          ? JSON.stringify(reply.body)
          : reply.events.map((event) => JSON.stringify(event.data));
      };
      const parsed = JSON.parse(bodies) as Record<string, Record<string, unknown>>;
      const model = "the model call itself (in process, context.model.generate)";
      const pythonFloor = "Python urllib → bare HTTP server (round-trip floor)";
      const nodeFloor = "Node openai SDK → bare HTTP server (round-trip floor)";
      // [label, measure, the row it is compared with]
      const measures: Array<[string, () => Promise<number>, string | null]> = [
        [model, () => timePerCall(calls, () => context.model.generate(request)), null],
        [
          "gateway work in process, chat completions",
          () => timePerCall(calls, handled(chatCompletionsRoute, parsed.chat)),
          model,
        ],
        [
          "gateway work in process, responses streamed",
          () => timePerCall(calls, handled(responsesRoute, { ...parsed.responses, stream: true })),
          model,
        ],
        [
          "gateway work in process, anthropic messages streamed",
          () => timePerCall(calls, handled(anthropicMessagesRoute, { ...parsed.messages, stream: true })),
          model,
        ],
        [pythonFloor, () => python(plain.url), null],
        ["Python urllib → gateway, chat completions", () => python(handle.openaiBaseURL), pythonFloor],
        [nodeFloor, () => node(plain.url, "chat"), null],
        ["Node openai SDK → gateway, chat completions", () => node(handle.openaiBaseURL, "chat"), nodeFloor],
        [
          "Node openai SDK → gateway, chat completions streamed",
          () => node(handle.openaiBaseURL, "chat-stream"),
          nodeFloor,
        ],
        [
          "Node openai SDK → gateway, responses streamed",
          () => node(handle.openaiBaseURL, "responses-stream"),
          nodeFloor,
        ],
        [
          "Node anthropic SDK → gateway, messages streamed",
          () => node(handle.openaiBaseURL, "messages-stream"),
          nodeFloor,
        ],
      ];
      const best = measures.map(() => Infinity);
      try {
        for (let round = 0; round < rounds; round++)
          for (const [index, [, measure]] of measures.entries()) best[index] = Math.min(best[index]!, await measure());
      } finally {
        await plain.close();
        handle.close();
      }
      const msOf = (label: string) => best[measures.findIndex(([candidate]) => candidate === label)]!;
      for (const [index, [label, , baseline]] of measures.entries())
        rows.push({ label, ms: best[index]!, addedMs: baseline ? best[index]! - msOf(baseline) : 0 });
    });
  } finally {
    await gateway.close();
  }
  return rows;
}

async function perSampleRows(root: string): Promise<{ samples: number; rows: GatewayBenchRow[] }> {
  const harnesses = [
    "agent",
    `exec:python3 -c "import sys; sys.stdin.read(); print('nothing')"`,
    `exec:node -e "process.stdin.resume(); process.stdin.on('end', () => console.log('nothing'))"`,
    "exec:python3 examples/external-python-mcp-agent.py",
    "exec:node examples/external-node-openai.mjs",
  ];
  const out = mkdtempSync(path.join(os.tmpdir(), "capbench-gateway-bench-run-"));
  try {
    const config = resolveConfig(
      {
        suites: ["multihop"],
        harnesses,
        models: ["sim:frontier"],
        concurrency: 1,
        suiteOptions: { multihop: { levels: [2, 4], perLevel: 4 } },
        cache: { mode: "disabled" },
      },
      { out },
      { configPath: null, cwd: root },
    );
    await run({ config, cwd: root, env: {} });
    const records = readFileSync(path.join(out, "samples.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as SampleRecord);
    const mean = (harness: string) => {
      const mine = records.filter((record) => record.harness === harness);
      return mine.reduce((sum, record) => sum + record.latencyMs, 0) / mine.length;
    };
    const labels = [
      "agent (in process)",
      "python3 that prints a constant (process start + session)",
      "node that prints a constant (process start + session)",
      "examples/external-python-mcp-agent.py",
      "examples/external-node-openai.mjs",
    ];
    const baseline = mean("agent");
    const samples = records.filter((record) => record.harness === "agent").length;
    return {
      samples,
      rows: harnesses.map((harness, index) => ({
        label: labels[index]!,
        ms: mean(harness),
        addedMs: mean(harness) - baseline,
      })),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function runGatewayBench(options: { calls?: number; rounds?: number } = {}): Promise<GatewayBenchResult> {
  const root = projectRoot();
  const calls = options.calls ?? 200;
  const rounds = options.rounds ?? 3;
  const perCall = await perCallRows(root, calls, rounds);
  const { samples, rows } = await perSampleRows(root);
  return { calls, rounds, perCall, samples, perSample: rows };
}

export function formatGatewayBench(result: GatewayBenchResult): string[] {
  const row = (item: GatewayBenchRow) =>
    `  ${item.label}: ${item.ms.toFixed(2)} ms${item.addedMs === 0 ? "" : ` (${item.addedMs > 0 ? "+" : "−"}${Math.abs(item.addedMs).toFixed(2)} ms)`}`;
  return [
    `Gateway: one model call (sim:frontier, a 3-hop agent request; mean of ${result.calls} calls one at a time, best of ${result.rounds} rounds):`,
    ...result.perCall.map(row),
    `Gateway: one sample (multihop, sim:frontier, ${result.samples} tasks, concurrency 1; mean sample latency):`,
    ...result.perSample.map(row),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of formatGatewayBench(await runGatewayBench())) console.log(line);
}
