import { resolveAnalysisOptions } from "../analysis/analysis-options.js";
import { comparePaired } from "../analysis/paired-comparison.js";
import { summarizeRun } from "../analysis/summarize-run.js";
import type { AnalysisOptionsInput } from "../analysis/analysis-options.js";
import type { CellSummary, Interval, Summary } from "../analysis/summary-types.js";

export interface CellChange extends Pick<CellSummary, "suite" | "harness" | "model" | "tier" | "simulated"> {
  /** Tasks scored in both runs (the pairing). */
  tasks: number;
  /** Means over the shared tasks. */
  before: number;
  after: number;
  change: number;
  ci95: Interval;
  /** The interval excludes zero and enough tasks moved (a zero-width interval never counts). */
  significant: boolean;
  /** Minimum detectable change at these tasks (two-sided at the level, 80% power). */
  mde: number | null;
}

export interface RunComparison {
  before: { runId: string; dir: string };
  after: { runId: string; dir: string };
  level: number;
  cells: CellChange[];
  /** Cells present in only one run, as "suite / harness / model". */
  onlyBefore: string[];
  onlyAfter: string[];
  /** Flags of each run, as "kind: suite / harness". */
  flagsBefore: string[];
  flagsAfter: string[];
}

/**
 * `capbench compare DIR_A DIR_B`: per cell, the change from run A to run B, paired over the
 * tasks both runs scored, with a paired-bootstrap interval.
 */
export async function compareRuns(
  beforeDir: string,
  afterDir: string,
  options: AnalysisOptionsInput = {},
): Promise<RunComparison> {
  const [before, after] = await Promise.all([summarizeRun(beforeDir, options), summarizeRun(afterDir, options)]);
  return compareSummaries(before, after, { beforeDir, afterDir, options });
}

export function compareSummaries(
  before: Summary,
  after: Summary,
  context: { beforeDir: string; afterDir: string; options?: AnalysisOptionsInput },
): RunComparison {
  const resolved = resolveAnalysisOptions({ seed: before.options.seed }, context.options);
  const key = (cell: { suite: string; harness: string; model: string }) =>
    `${cell.suite} / ${cell.harness} / ${cell.model}`;
  const afterCells = new Map(after.cells.map((cell) => [key(cell), cell]));
  const beforeKeys = new Set(before.cells.map(key));
  const cells: CellChange[] = [];
  for (const cell of before.cells) {
    const next = afterCells.get(key(cell));
    if (!next) continue;
    const comparison = comparePaired(next.taskValues, cell.taskValues, {
      seed: resolved.seed,
      resamples: resolved.resamples,
      level: resolved.level,
      label: `compare\u0000${key(cell)}`,
    });
    if (!comparison) continue;
    cells.push({
      suite: cell.suite,
      harness: cell.harness,
      model: cell.model,
      tier: next.tier,
      simulated: cell.simulated || next.simulated,
      tasks: comparison.tasks,
      before: comparison.meanB,
      after: comparison.meanA,
      change: comparison.difference,
      ci95: comparison.ci,
      significant: comparison.significant,
      mde: comparison.mde,
    });
  }
  const flagText = (summary: Summary) => summary.flags.map((flag) => `${flag.kind}: ${flag.suite} / ${flag.harness}`);
  return {
    before: { runId: before.runId, dir: context.beforeDir },
    after: { runId: after.runId, dir: context.afterDir },
    level: resolved.level,
    cells,
    onlyBefore: before.cells.map(key).filter((cellKey) => !afterCells.has(cellKey)),
    onlyAfter: after.cells.map(key).filter((cellKey) => !beforeKeys.has(cellKey)),
    flagsBefore: flagText(before),
    flagsAfter: flagText(after),
  };
}
