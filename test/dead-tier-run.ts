// A results directory whose real frontier model could not be reached: every one of its samples
// errored, and run.json says the run is `status` (incomplete by default). For the report tests.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SyntheticHarness } from "../src/analysis/synthetic-samples.js";
import { writeSyntheticRun } from "../src/analysis/write-synthetic-run.js";
import type { SampleRecord } from "../src/types.js";

export async function writeDeadTierRun(
  dir: string,
  harnesses: SyntheticHarness[],
  run: { status: string; partialReason?: string } = { status: "incomplete" },
): Promise<void> {
  await writeSyntheticRun(dir, {
    runId: "dead-frontier",
    seed: 3,
    specs: [
      {
        seed: 3,
        suite: "arith",
        tasks: 20,
        epochs: 1,
        models: [
          { id: "sim:low", tier: "low" },
          { id: "sim:mid", tier: "mid" },
          { id: "openai:gpt-5", tier: "frontier", simulated: false },
        ],
        harnesses,
      },
    ],
  });
  const samplesFile = join(dir, "samples.jsonl");
  const records = (await readFile(samplesFile, "utf8"))
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as SampleRecord);
  const dead = (record: SampleRecord): SampleRecord => ({
    ...record,
    score: null,
    stopReason: "provider_error",
    error: { kind: "provider", message: "connect ECONNREFUSED 127.0.0.1:9" },
  });
  await writeFile(
    samplesFile,
    `${records.map((record) => JSON.stringify(record.model === "openai:gpt-5" ? dead(record) : record)).join("\n")}\n`,
  );
  const runJson = JSON.parse(await readFile(join(dir, "run.json"), "utf8")) as Record<string, unknown>;
  await writeFile(join(dir, "run.json"), JSON.stringify({ ...runJson, ...run }));
}
