import type { ResolvedConfig } from "../config/resolved-config.js";
import type { SampleRecord } from "../types.js";

/** Where a sample sits in the order an unsharded run plans its samples: [epoch, suite, task]. */
export type PlannedPosition = (record: SampleRecord) => [number, number, number];

/**
 * The runner plans epochs outermost, then suites in config order, then each suite's tasks in
 * order (src/runner/plan-samples.ts). The merged samples.jsonl follows that order so it reads
 * like an unsharded run's; the analysis meets tasks in file order, so this keeps even the
 * bootstrap intervals identical. Null when the suites cannot be loaded here (then the shards'
 * order is kept).
 */
export async function plannedPosition(config: Record<string, unknown>, cwd: string): Promise<PlannedPosition | null> {
  const resolved = config as unknown as ResolvedConfig;
  if (!Array.isArray(resolved.suites)) return null;
  const { loadSuite } = await import("../config/load-suite.js");
  const suiteIndex = new Map<string, number>();
  const taskIndex = new Map<string, number>();
  try {
    for (const ref of resolved.suites) {
      const suite = await loadSuite(ref, {
        cwd,
        baseDir: resolved.baseDir ?? cwd,
        seed: resolved.suiteSeed,
        limit: resolved.limit ?? null,
        sandbox: resolved.sandbox ?? "bwrap",
        suiteOptions: resolved.suiteOptions ?? {},
      });
      suiteIndex.set(suite.name, suiteIndex.size);
      suite.tasks.forEach((task, index) => taskIndex.set(`${suite.name}\u0000${task.id}`, index));
    }
  } catch {
    return null;
  }
  return (record) => [
    record.epoch,
    suiteIndex.get(record.suite) ?? Number.MAX_SAFE_INTEGER,
    taskIndex.get(`${record.suite}\u0000${record.taskId}`) ?? Number.MAX_SAFE_INTEGER,
  ];
}

export function comparePositions(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < a.length; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
