import type { Limits } from "../types.js";

export const DEFAULTS = {
  suites: ["arith"],
  harnesses: ["prompt"],
  models: ["sim:low", "sim:mid", "sim:frontier"],
  epochs: 1,
  concurrency: 8,
  seed: 1,
  suiteSeed: 0,
  resultsDir: "results",
  cacheDir: ".capbench-cache",
  /** `--adaptive`: looks at 25, 50, 75 and 100% of the planned tasks. */
  adaptiveRounds: 4,
  /** Poll interval of a batch against a real batch API (they take minutes to hours). */
  batchPollIntervalMs: 30_000,
  limits: { maxTurns: 30, maxTokens: 200_000, maxCostUsd: null, timeoutMs: 120_000 } satisfies Limits,
} as const;
