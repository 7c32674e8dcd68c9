import { formatUsd } from "../analysis/format-numbers.js";
import type { Summary } from "../analysis/summary-types.js";
import type { GateCheck } from "./gate-check.js";

/** Total cost of the run ≤ maxCostUsd. Unpriced models make the rule unjudgeable (skipped), never $0. */
export function checkTotalCost(summary: Summary, maxCostUsd: number): GateCheck {
  const base = { rule: "max-cost" as const, subject: "run" };
  const unpriced = [...new Set(summary.cells.filter((cell) => !cell.cost.priced).map((cell) => cell.model))];
  if (unpriced.length > 0) {
    return {
      ...base,
      status: "skipped",
      detail: `no price for ${unpriced.join(", ")} (set models[].price); limit ${formatUsd(maxCostUsd)}`,
    };
  }
  const total = summary.cells.reduce((sum, cell) => sum + (cell.cost.totalUsd ?? 0), 0);
  const held = total <= maxCostUsd;
  return {
    ...base,
    status: held ? "held" : "failed",
    detail: `total ${formatUsd(total)} ${held ? "≤" : ">"} ${formatUsd(maxCostUsd)} (${held ? "under" : "over"} by ${formatUsd(Math.abs(maxCostUsd - total))})`,
  };
}

/** Mean cost of one attempt at one task per (suite, harness, model) ≤ maxCostPerTaskUsd. */
export function checkCostPerTask(summary: Summary, maxCostPerTaskUsd: number): GateCheck[] {
  return summary.cells.map((cell) => {
    const base = {
      rule: "max-cost-per-task" as const,
      subject: `${cell.suite} / ${cell.harness} / ${cell.model}`,
      suite: cell.suite,
      harness: cell.harness,
      model: cell.model,
      tier: cell.tier,
    };
    const cost = cell.cost.perTaskUsd;
    if (!cell.cost.priced || cost === null)
      return {
        ...base,
        status: "skipped",
        detail: `no price for ${cell.model}; limit ${formatUsd(maxCostPerTaskUsd)} per task`,
      };
    const held = cost <= maxCostPerTaskUsd;
    return {
      ...base,
      status: held ? "held" : "failed",
      detail: `${formatUsd(cost)} per task ${held ? "≤" : ">"} ${formatUsd(maxCostPerTaskUsd)} (${held ? "under" : "over"} by ${formatUsd(Math.abs(maxCostPerTaskUsd - cost))})`,
    };
  });
}
