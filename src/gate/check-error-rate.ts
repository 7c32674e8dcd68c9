import { formatPercent } from "../analysis/format-numbers.js";
import type { Summary } from "../analysis/summary-types.js";
import type { GateCheck } from "./gate-check.js";

/** Share of samples without a score (provider, harness or scorer errors) per (suite, harness, model). */
export function checkErrorRate(summary: Summary, maxErrorRate: number): GateCheck[] {
  return summary.cells.map((cell) => {
    const rate = cell.samples === 0 ? 0 : cell.errors / cell.samples;
    const held = rate <= maxErrorRate;
    const by = Math.abs(rate - maxErrorRate);
    return {
      rule: "max-error-rate",
      subject: `${cell.suite} / ${cell.harness} / ${cell.model}`,
      suite: cell.suite,
      harness: cell.harness,
      model: cell.model,
      tier: cell.tier,
      status: held ? "held" : "failed",
      detail: `${cell.errors} of ${cell.samples} samples errored (${formatRate(rate)}) ${held ? "≤" : ">"} ${formatRate(maxErrorRate)} (${held ? "under" : "over"} by ${formatRate(by)})`,
    };
  });
}

function formatRate(rate: number): string {
  return rate > 0 && rate < 0.01 ? `${(rate * 100).toFixed(1)}%` : formatPercent(rate);
}
