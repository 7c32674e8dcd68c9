import { formatScore } from "../analysis/format-numbers.js";
import type { Summary } from "../analysis/summary-types.js";
import { UsageError } from "../errors.js";
import type { GateCheck } from "./gate-check.js";
import type { MinScoreRule } from "./gate-rules.js";

/** Mean score over tasks at a tier (the tier's models averaged) ≥ the rule's minimum. */
export function checkMinScore(summary: Summary, rules: readonly MinScoreRule[]): GateCheck[] {
  const checks: GateCheck[] = [];
  for (const rule of rules) {
    const matches = summary.tierValues.filter(
      (entry) =>
        (rule.suite === null || entry.suite === rule.suite) &&
        (rule.harness === null || entry.harness === rule.harness) &&
        (rule.tier === null || entry.tier === rule.tier),
    );
    if (matches.length === 0) {
      throw new UsageError(
        `${rule.origin}: matches nothing in the run (suites ${summary.suites.join(", ")}; harnesses ${summary.harnesses.join(", ")}; tiers ${summary.tiers.join(", ")})`,
      );
    }
    for (const entry of matches) {
      const base = {
        rule: "min-score" as const,
        subject: `${entry.suite} / ${entry.harness} / ${entry.tier}`,
        suite: entry.suite,
        harness: entry.harness,
        tier: entry.tier,
      };
      if (entry.mean === null) {
        checks.push({ ...base, status: "failed", detail: `no scored sample; minimum ${formatScore(rule.min)}` });
        continue;
      }
      const margin = entry.mean - rule.min;
      checks.push({
        ...base,
        status: margin >= 0 ? "held" : "failed",
        detail: `${formatScore(entry.mean)} ${margin >= 0 ? "≥" : "<"} ${formatScore(rule.min)} (${margin >= 0 ? "above by" : "below by"} ${Math.abs(margin).toFixed(2)}; ${entry.tasks} tasks)`,
      });
    }
  }
  return checks;
}
