// Writes a results directory (run.json, samples.jsonl, traces/) from synthetic specs, streaming,
// for the report tests and the report benchmark.
import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { once } from "node:events";
import type { TraceEvent } from "../types.js";
import { generateSyntheticSamples } from "./synthetic-samples.js";
import type { SyntheticSpec } from "./synthetic-samples.js";

export interface SyntheticRunOptions {
  runId: string;
  seed: number;
  specs: SyntheticSpec[];
  /** Write a small trace file for every n-th sample (default: none). */
  traceEvery?: number;
}

export async function writeSyntheticRun(runDir: string, options: SyntheticRunOptions): Promise<{ samples: number }> {
  await mkdir(join(runDir, "traces"), { recursive: true });
  const models = new Map<string, { id: string; tier: string }>();
  for (const spec of options.specs)
    for (const model of spec.models) models.set(model.id, { id: model.id, tier: model.tier });
  await writeFile(
    join(runDir, "run.json"),
    JSON.stringify({
      runId: options.runId,
      config: {
        seed: options.seed,
        models: [...models.values()],
        harnesses: [...new Set(options.specs.flatMap((spec) => spec.harnesses.map((harness) => harness.name)))],
        suites: options.specs.map((spec) => spec.suite),
        epochs: Math.max(...options.specs.map((spec) => spec.epochs)),
      },
      startedAt: "2025-01-01T00:00:00.000Z",
      endedAt: "2025-01-01T00:01:00.000Z",
    }),
  );
  const output = createWriteStream(join(runDir, "samples.jsonl"), { encoding: "utf8" });
  let count = 0;
  for (const spec of options.specs) {
    for (const record of generateSyntheticSamples(spec)) {
      if (options.traceEvery && count % options.traceEvery === 0) {
        const trace = `traces/sample-${count}.json`;
        await writeFile(
          join(runDir, trace),
          JSON.stringify({ key: record.key, events: syntheticTrace(record.taskId, record.answer, record.harness) }),
        );
        record.trace = trace;
      }
      count++;
      if (!output.write(`${JSON.stringify(record)}\n`)) await once(output, "drain");
    }
  }
  output.end();
  await once(output, "finish");
  return { samples: count };
}

function syntheticTrace(taskId: string, answer: string, harness: string): TraceEvent[] {
  const usage = { inputTokens: 100, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0 };
  return [
    { type: "note", agent: harness, at: 0, message: `start ${taskId}` },
    {
      type: "model",
      agent: harness,
      at: 1,
      request: { messages: [{ role: "user", content: `Solve task ${taskId}.` }] },
      response: {
        text: `The answer is ${answer}.`,
        toolCalls: [],
        finishReason: "stop",
        usage,
        latencyMs: 10,
        cached: false,
        warnings: [],
      },
      latencyMs: 10,
    },
  ];
}
