import type { CellSummary, CostPoint } from "./summary-types.js";

/**
 * Score-vs-cost points per (suite, tier), one per priced cell; a point is on the frontier when
 * no other cell of the same suite and tier scores at least as much for at most its cost
 * (and is strictly better in one of the two).
 */
export function costFrontier(cells: readonly CellSummary[]): CostPoint[] {
  const points: CostPoint[] = cells
    .filter((cell) => cell.mean !== null && cell.cost.perTaskListUsd !== null)
    .map((cell) => ({
      suite: cell.suite,
      tier: cell.tier,
      harness: cell.harness,
      model: cell.model,
      score: cell.mean!,
      costPerTaskUsd: cell.cost.perTaskListUsd!,
      onFrontier: false,
    }));
  for (const point of points) {
    point.onFrontier = !points.some(
      (other) =>
        other !== point &&
        other.suite === point.suite &&
        other.tier === point.tier &&
        other.score >= point.score &&
        other.costPerTaskUsd <= point.costPerTaskUsd &&
        (other.score > point.score || other.costPerTaskUsd < point.costPerTaskUsd),
    );
  }
  return points;
}
