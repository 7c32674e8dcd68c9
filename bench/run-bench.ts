// `npm run bench [runner|provider|report|sandbox|gateway|stats|cost|adaptive]`: figures, not assertions. Timings on a shared 2-core machine are noisy;
// compare ratios within one run.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = path();
function path(): string {
  return fileURLToPath(new URL(".", import.meta.url));
}

/** One run in a child process. With a heap cap, finishing at all shows memory does not grow with N. */
function scaleRun(samples: number, heapCapMiB?: number): Record<string, number> {
  const flags = heapCapMiB ? [`--max-old-space-size=${heapCapMiB}`] : [];
  const output = execFileSync(process.execPath, [...flags, `${here}scale-run.js`, String(samples)], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(output.trim().split("\n").pop()!) as Record<string, number>;
}

function format(row: Record<string, number>): string {
  return `${row.samples} samples in ${row.seconds!.toFixed(1)} s · ${row.samplesPerSecond!.toFixed(0)} samples/s · ${row.msPerSample!.toFixed(3)} ms/sample · peak RSS ${row.peakRssMiB!.toFixed(0)} MiB · peak heap ${row.peakHeapMiB!.toFixed(0)} MiB`;
}

const only = process.argv[2];
console.log("capbench benchmarks (node " + process.versions.node + ")\n");
if (!only || only === "runner") {
  console.log("Runner on the simulated ladder (arith, prompt, 3 models; traces written):");
  const small = scaleRun(10_000);
  console.log(`  ${format(small)}`);
  const large = scaleRun(100_000);
  console.log(`  ${format(large)}`);
  console.log(`  peak RSS ratio 100k/10k: ${(large.peakRssMiB! / small.peakRssMiB!).toFixed(2)} (flat ≈ 1)`);
  const capped = scaleRun(100_000, 48);
  console.log(
    `  100k samples again with the V8 old space capped at 48 MiB: finished (${capped.seconds!.toFixed(1)} s, peak heap ${capped.peakHeapMiB!.toFixed(0)} MiB)\n`,
  );
}
if (!only || only === "provider") {
  const { runProviderBench } = await import("./provider-bench.js");
  const result = await runProviderBench();
  console.log("Provider client (OpenAI SDK, retry layer, limiter) against a local OpenAI-format server:");
  console.log(
    `  N=${result.samples}, latency ${result.latencyMs} ms, concurrency ${result.concurrency}: ${(result.wallMs / 1000).toFixed(2)} s vs ideal ${(result.idealMs / 1000).toFixed(2)} s = ${result.ratio.toFixed(2)}× (${result.failures} failures)\n`,
  );
}
if (!only || only === "report") {
  const { runReportBench } = await import("./report-bench.js");
  console.log("capbench report (analysis + summary.json + report.md + report.html) on synthetic runs:");
  for (const row of await runReportBench()) {
    console.log(
      `  ${row.samples} samples (${row.tasks} tasks × ${row.epochs} epochs): ${row.seconds.toFixed(2)} s · peak heap growth ${row.peakHeapGrowthMb.toFixed(0)} MB · peak RSS ${row.peakRssMb.toFixed(0)} MB · report.html ${row.htmlMb.toFixed(2)} MB`,
    );
  }
  console.log("");
}
if (only === "stats") {
  // Minutes of Monte-Carlo: only when asked for (`npm run bench stats`).
  const { falseFlagRates, formatPowerTable, powerTable } = await import("./stats-bench.js");
  console.log("Flags on synthetic runs with a known truth (seeded Monte-Carlo, 500 runs per scenario):");
  for (const row of await falseFlagRates(500))
    console.log(`  ${row.scenario}: ${row.flag} ${(row.rate * 100).toFixed(1)}%`);
  console.log("Power (100 runs per cell, 1 epoch):");
  console.log(formatPowerTable(await powerTable(100)));
  console.log("");
}
if (!only || only === "sandbox") {
  const { runSandboxBench } = await import("./sandbox-bench.js");
  const result = await runSandboxBench();
  console.log(`Sandbox: the 164 canonical HumanEval solutions (${result.cores} cores):`);
  for (const row of result.rows)
    console.log(
      `  ${row.label}: ${row.passed}/${row.programs} passed in ${row.wallMs} ms (CPU ${row.cpuMsPerProgram === null ? "not visible under bwrap" : `${row.cpuMsPerProgram} ms/program`})`,
    );
  console.log(
    `  bwrap (${result.cores} at a time) ÷ plain python3 loop: ${result.ratioBwrapToPlainLoop} · bwrap one at a time ÷ plain loop: ${result.ratioBwrapSequentialToPlainLoop} · CPU per program, verifier without sandbox ÷ plain loop: ${result.cpuRatioVerifierToPlainLoop}`,
  );
}
if (!only || only === "gateway") {
  const { runGatewayBench, formatGatewayBench } = await import("./gateway-bench.js");
  for (const line of formatGatewayBench(await runGatewayBench())) console.log(line);
}
if (!only || only === "cost") {
  const { batchFigures, cachingFigures } = await import("./cost-bench.js");
  const batch = await batchFigures();
  console.log(
    "\nBatch mode vs direct (arith, prompt + workflow, openai:gpt-5-mini + anthropic:claude-sonnet-5, batch stand-ins):",
  );
  console.log(
    `  ${batch.samples} samples: direct $${batch.directCostUsd.toFixed(5)} · batch $${batch.batchCostUsd.toFixed(5)} · cost ratio ${batch.costRatio.toFixed(3)} (target 0.50) · direct calls during the batch run: ${batch.directCallsDuringBatchRun} · scores equal to direct: ${batch.scoresEqual}/${batch.samples} · batches: ${batch.batchesCreated}`,
  );
  console.log(
    `  killed while polling (${batch.resume.batchesBeforeKill} batches out), then --resume: ${batch.resume.batchesCreatedByResume} new batches · ${batch.resume.samplesAfterResume} samples, ${batch.resume.scoresEqual} scored as the direct run`,
  );
  console.log(
    "\nPrompt caching, agent on multihop at the frontier tier (anthropic:claude-sonnet-5 prices), caching on vs off:",
  );
  console.log(
    "  input cost ratio on/off (share of input read from the cache), by the model's minimum cacheable prefix:",
  );
  const labels: Record<string, string> = {
    "1024": "min 1024 (Sonnet 5/4.x)",
    "512": "min 512 (Opus 5)",
    "0": "no minimum (placement alone)",
  };
  for (const row of await cachingFigures()) {
    const cells = ["1024", "512", "0"].map(
      (minimum) =>
        `${labels[minimum]}: ${row.ratios[minimum]!.toFixed(3)} (${(row.shares[minimum]! * 100).toFixed(0)}%)`,
    );
    console.log(`  ${row.hops} hops, ${row.calls.toFixed(1)} calls: ${cells.join(" · ")}`);
  }
}
if (only === "adaptive") {
  // Twenty full runs of the simulated ladder with the code sandbox: only when asked for (`npm run bench adaptive`).
  const { adaptiveRates, formatAdaptiveBench, runAdaptiveBench } = await import("./adaptive-bench.js");
  console.log("\nAdaptive stopping on synthetic runs with a known truth (seeded Monte-Carlo, 1,000 runs per row):");
  for (const row of await adaptiveRates(1000))
    console.log(
      `  ${row.scenario}: ${row.what} ${(row.rate * 100).toFixed(1)}%${Number.isNaN(row.spent) ? "" : ` · samples spent ${(row.spent * 100).toFixed(0)}%`}`,
    );
  for (const line of formatAdaptiveBench(await runAdaptiveBench(20))) console.log(line);
}
