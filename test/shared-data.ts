import { existsSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./cli-helpers.js";

/**
 * The public benchmark data the tests score (HumanEval, MBPP, GSM8K, BFCL): read from
 * `../shared/data` beside the repository (never copied into it), or from
 * $CAPBENCH_SHARED_DATA. Null when neither is there: those tests are skipped, with a warning.
 */
export const SHARED_DATA: string | null =
  [process.env.CAPBENCH_SHARED_DATA, path.resolve(ROOT, "../shared/data"), "/work/shared/data"].find(
    (dir): dir is string => Boolean(dir) && existsSync(path.join(dir!, "humaneval/HumanEval.jsonl.gz")),
  ) ?? null;

if (!SHARED_DATA)
  console.warn(
    "capbench tests: ../shared/data not found (set CAPBENCH_SHARED_DATA); the benchmark-data tests are skipped",
  );

/** A path under the shared data folder (a path that does not exist when the data is absent). */
export function sharedData(relative: string): string {
  return path.join(SHARED_DATA ?? "/nonexistent-shared-data", relative);
}
