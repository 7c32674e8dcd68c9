import { isDeepStrictEqual } from "node:util";

/**
 * Config fields that do not change which samples a run produces or their results: where it
 * writes, how many samples are in flight, the response cache, where paths were resolved from,
 * the gate rules. Shards may differ in these (each CI job has its own --out and cache).
 */
const IGNORED_FIELDS = new Set(["out", "resultsDir", "concurrency", "cache", "baseDir", "configPath", "gate"]);

/** The first field where two run.json configs differ in a way that matters, or null when they agree. */
export function configDifference(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): { field: string; a: unknown; b: unknown } | null {
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((field) => !IGNORED_FIELDS.has(field))
    .sort();
  for (const field of fields) {
    if (!isDeepStrictEqual(a[field], b[field])) return { field, a: a[field], b: b[field] };
  }
  return null;
}
