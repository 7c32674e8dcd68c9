// `npm run bench`: figures, not assertions. Timings on a shared 2-core machine are noisy;
// compare ratios within one run.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = path();
function path(): string {
  return fileURLToPath(new URL(".", import.meta.url));
}

function scaleRun(samples: number): Record<string, number> {
  const output = execFileSync(process.execPath, [`${here}scale-run.js`, String(samples)], { encoding: "utf8", maxBuffer: 1 << 20 });
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
  console.log(`  peak RSS ratio 100k/10k: ${(large.peakRssMiB! / small.peakRssMiB!).toFixed(2)} (flat ≈ 1)\n`);
}
if (!only || only === "provider") {
  const { runProviderBench } = await import("./provider-bench.js");
  const result = await runProviderBench();
  console.log("Provider client against a local OpenAI-format server:");
  console.log(`  ${JSON.stringify(result)}\n`);
}
