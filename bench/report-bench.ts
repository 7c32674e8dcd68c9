// Benchmark of `capbench report`: rebuilds the analysis and every report from synthetic results
// directories of 10,000 and 100,000 samples, and reports wall time and peak memory. Peak memory
// must not grow with the number of samples (the analysis streams samples.jsonl).
// Run: npm run build && node dist/bench/report-bench.js
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { SyntheticHarness } from "../src/analysis/synthetic-samples.js";
import { writeSyntheticRun } from "../src/analysis/write-synthetic-run.js";
import { rebuildReports } from "../src/report/rebuild-reports.js";
import type { Tier } from "../src/types.js";

export interface ReportBenchResult {
  samples: number;
  tasks: number;
  epochs: number;
  seconds: number;
  samplesPerSecond: number;
  /** Peak heap in use while rebuilding, above the heap before it started. */
  peakHeapGrowthMb: number;
  peakRssMb: number;
  htmlMb: number;
  flags: number;
}

const ladder = [
  { id: "sim:low", tier: "low" as const },
  { id: "sim:mid", tier: "mid" as const },
  { id: "sim:frontier", tier: "frontier" as const },
];
const reach: Record<string, Record<Tier, number>> = {
  prompt: { low: 1.5, mid: 2.5, frontier: 3.5 },
  workflow: { low: 2.5, mid: 2.7, frontier: 2.8 },
  agent: { low: 2, mid: 3, frontier: 4 },
  "multi-agent": { low: 2, mid: 3.2, frontier: 3.3 },
};
const harnesses: SyntheticHarness[] = Object.entries(reach).map(([name, byTier]) => ({
  name,
  successProbability: (tier, task) => 1 / (1 + Math.exp(-2 * (byTier[tier] - Math.log2(task.difficulty)))),
  failureStopReason:
    name === "multi-agent" ? (_tier, random) => (random() < 0.7 ? "max_turns" : "answered") : undefined,
  costPerSample: name === "prompt" ? 0.0004 : 0.002,
}));

export interface ReportBenchSize {
  tasks: number;
  epochs: number;
}

/** 4 harnesses × 3 models × tasks × epochs samples. */
export async function benchReportRebuild(
  size: ReportBenchSize,
  keepDir = false,
): Promise<ReportBenchResult & { dir: string }> {
  const { tasks, epochs } = size;
  const dir = await mkdtemp(join(tmpdir(), `capbench-report-bench-${tasks}x${epochs}-`));
  const written = await writeSyntheticRun(dir, {
    runId: `bench-${tasks}x${epochs}`,
    seed: 1,
    traceEvery: 500,
    specs: [
      {
        seed: 1,
        suite: "arith",
        tasks,
        epochs,
        models: ladder,
        harnesses,
        difficulty: (index) => 1 + (index % 16),
        errorRate: 0.01,
      },
    ],
  });
  (globalThis as { gc?: () => void }).gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  }, 10);
  const started = performance.now();
  const summary = await rebuildReports(dir);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const htmlBytes = (await stat(join(dir, "report.html"))).size;
  if (!keepDir) await rm(dir, { recursive: true, force: true });
  return {
    dir,
    samples: written.samples,
    tasks,
    epochs,
    seconds,
    samplesPerSecond: written.samples / seconds,
    peakHeapGrowthMb: (peakHeap - heapBefore) / 2 ** 20,
    peakRssMb: peakRss / 2 ** 20,
    htmlMb: htmlBytes / 2 ** 20,
    flags: summary.flags.length,
  };
}

/**
 * 10k and 100k samples over the same 167 tasks (memory must not grow: it follows cells × tasks),
 * then 100k samples over 1,667 tasks.
 */
export const REPORT_BENCH_SIZES: ReportBenchSize[] = [
  { tasks: 167, epochs: 5 },
  { tasks: 167, epochs: 50 },
  { tasks: 1667, epochs: 5 },
];

export async function runReportBench(sizes: ReportBenchSize[] = REPORT_BENCH_SIZES): Promise<ReportBenchResult[]> {
  const results: ReportBenchResult[] = [];
  for (const size of sizes) {
    const { dir: _dir, ...result } = await benchReportRebuild(size);
    results.push(result);
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const results = await runReportBench();
  for (const result of results) {
    console.log(
      `capbench report: ${result.samples} samples (${result.tasks} tasks × 4 harnesses × 3 models × ${result.epochs} epochs): ` +
        `${result.seconds.toFixed(2)} s (${Math.round(result.samplesPerSecond)} samples/s), peak heap growth ${result.peakHeapGrowthMb.toFixed(1)} MB, ` +
        `peak RSS ${result.peakRssMb.toFixed(0)} MB, report.html ${result.htmlMb.toFixed(2)} MB, ${result.flags} flags`,
    );
  }
}
