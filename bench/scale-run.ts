// Child process of the benchmark: one run of N samples on the simulated ladder through the
// library, reporting throughput and peak memory as one JSON line.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { resolveConfig } from "../src/config/resolve-config.js";
import { run } from "../src/runner/run.js";

const target = Number(process.argv[2] ?? 10_000);
const tasks = 32;
const models = 3;
const epochs = Math.ceil(target / (tasks * models));
const dir = mkdtempSync(path.join(os.tmpdir(), "capbench-bench-"));
const config = resolveConfig(
  {
    suites: ["arith"],
    harnesses: ["prompt"],
    models: ["sim:low", "sim:mid", "sim:frontier"],
    epochs,
    concurrency: 8,
    out: path.join(dir, "run"),
  },
  {},
  { configPath: null, cwd: dir },
);
let peakHeap = 0;
const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 50);
const started = performance.now();
const outcome = await run({ config, cwd: dir });
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
console.log(
  JSON.stringify({
    samples: outcome.counts.done,
    seconds,
    samplesPerSecond: outcome.counts.done / seconds,
    msPerSample: (seconds * 1000) / outcome.counts.done,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    peakHeapMiB: peakHeap / 1024 / 1024,
  }),
);
rmSync(dir, { recursive: true, force: true });
