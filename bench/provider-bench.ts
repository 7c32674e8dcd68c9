import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { createModelClient } from "../src/models/create-model-client.js";

// N samples against the local OpenAI-format server (in a worker thread) with a fixed latency
// L, at concurrency C, through the real OpenAI SDK, our client, retry layer and limiter.
// Ideal wall time is N·L/C; the figure is wall ÷ ideal (target ≤ 1.10 at N=2000, L=100, C=50).

export interface ProviderBenchOptions {
  samples?: number;
  latencyMs?: number;
  concurrency?: number;
}

export interface ProviderBenchResult {
  samples: number;
  latencyMs: number;
  concurrency: number;
  wallMs: number;
  idealMs: number;
  ratio: number;
  requests: number;
  failures: number;
}

export async function runProviderBench(options: ProviderBenchOptions = {}): Promise<ProviderBenchResult> {
  const samples = options.samples ?? 2000;
  const latencyMs = options.latencyMs ?? 100;
  const concurrency = options.concurrency ?? 50;
  const worker = new Worker(new URL("./provider-bench-server.js", import.meta.url), { workerData: { latencyMs } });
  const ask = (message: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      worker.once("message", resolve);
      if (message) worker.postMessage(message);
    });
  const { url } = (await ask("")) as { url: string };
  const cacheDir = await mkdtemp(join(tmpdir(), "capbench-bench-"));
  try {
    const client = createModelClient(
      { id: "openai:bench-model", tier: "low", baseURL: `${url}/v1`, concurrency },
      { seed: 1, cache: { mode: "disabled", dir: cacheDir }, env: {} },
    );
    // Warm-up: open the connection pool and let the JIT settle, so the figure is steady state.
    await Promise.all(
      Array.from({ length: concurrency * 10 }, (_, index) =>
        client.generate({ messages: [{ role: "user", content: `warm-up ${index}` }] }),
      ),
    );
    await ask("count");
    const started = performance.now();
    // The runner queues every sample at once; the limiter admits C at a time.
    const outcomes = await Promise.allSettled(
      Array.from({ length: samples }, (_, index) =>
        client.generate({ messages: [{ role: "user", content: `sample ${index}` }] }),
      ),
    );
    const wallMs = performance.now() - started;
    const idealMs = (samples * latencyMs) / concurrency;
    return {
      samples,
      latencyMs,
      concurrency,
      wallMs: Math.round(wallMs),
      idealMs,
      ratio: Math.round((wallMs / idealMs) * 1000) / 1000,
      requests: (await ask("count")).count as number,
      failures: outcomes.filter((outcome) => outcome.status === "rejected").length,
    };
  } finally {
    await ask("close");
    await worker.terminate();
    await rm(cacheDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runProviderBench();
  console.log(
    `provider bench: N=${result.samples} L=${result.latencyMs}ms C=${result.concurrency}: wall ${result.wallMs} ms, ideal ${result.idealMs} ms, ratio ${result.ratio} (target <= 1.10), failures ${result.failures}`,
  );
}
