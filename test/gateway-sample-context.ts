import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadSuite } from "../src/config/load-suite.js";
import { createSimModel } from "../src/models/sim/sim-model.js";
import { runSample, type SampleOutcome } from "../src/runner/run-sample.js";
import type { HarnessContext, Limits } from "../src/types.js";

const REPO = path.resolve(import.meta.dirname, "..");
const LIMITS: Limits = { maxTurns: 30, maxTokens: 200_000, maxCostUsd: null, timeoutMs: 60_000 };

/**
 * Runs `body` inside a real sample (the runner's runSample) on the first multihop task with
 * sim:frontier: the context it gets has the runner's traced, limited model and tools (search, read).
 */
export async function withSampleContext<T>(
  body: (context: HarnessContext) => Promise<T>,
  limits: Partial<Limits> = {},
): Promise<{ value: T; outcome: SampleOutcome }> {
  const suite = await loadSuite("multihop", {
    cwd: REPO,
    baseDir: REPO,
    seed: 3,
    limit: 1,
    sandbox: "unsafe-none",
    suiteOptions: { multihop: { levels: [2], perLevel: 1 } },
  });
  const client = createSimModel({ id: "sim:frontier", tier: "frontier" }, { seed: 1 });
  const task = suite.tasks[0]!;
  let value: T | undefined;
  let failure: unknown = null;
  const harness = {
    name: "probe",
    async run(context: HarnessContext) {
      try {
        value = await body(context);
      } catch (error) {
        failure = error;
      }
      return { answer: "", stopReason: "answered" as const };
    },
  };
  const scratchRoot = mkdtempSync(path.join(os.tmpdir(), "capbench-probe-"));
  try {
    const outcome = await runSample(
      {
        key: `multihop|${task.id}|probe|sim:frontier|0`,
        suite,
        task,
        harness: { label: "probe", harness, options: {}, ref: "probe" },
        model: { client, tier: "frontier", price: null },
        epoch: 0,
      },
      { limits: { ...LIMITS, ...limits }, runSignal: new AbortController().signal, scratchRoot, seed: 1 },
    );
    if (failure) throw failure;
    return { value: value as T, outcome: outcome! };
  } finally {
    rmSync(scratchRoot, { recursive: true, force: true });
  }
}
