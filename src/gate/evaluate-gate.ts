import type { Summary } from "../analysis/summary-types.js";
import type { RunInfo } from "../store/run-store.js";
import { checkComplete } from "./check-complete.js";
import { checkCostPerTask, checkTotalCost } from "./check-cost.js";
import { checkErrorRate } from "./check-error-rate.js";
import { checkMaxDrop } from "./check-max-drop.js";
import { checkMinScore } from "./check-min-score.js";
import { checkScaling } from "./check-scaling.js";
import { gateResult, type GateCheck, type GateResult } from "./gate-check.js";
import type { GateRules } from "./gate-rules.js";

/** Checks every rule that is on against a run's summary (and the baseline's, for max-drop). Pure. */
export function evaluateGate(
  summary: Summary,
  rules: GateRules,
  context: { info: RunInfo | null; baseline: Summary | null; scalingOrigin?: string },
): GateResult {
  const checks: GateCheck[] = [checkComplete(context.info)];
  checks.push(...checkMinScore(summary, rules.minScore));
  if (context.baseline)
    checks.push(...checkMaxDrop(summary, context.baseline, { maxDrop: rules.maxDrop ?? 0, alpha: rules.alpha }));
  if (rules.requireScaling)
    checks.push(...checkScaling(summary, rules.requireScaling, context.scalingOrigin ?? "require-scaling"));
  if (rules.maxErrorRate !== null) checks.push(...checkErrorRate(summary, rules.maxErrorRate));
  if (rules.maxCostUsd !== null) checks.push(checkTotalCost(summary, rules.maxCostUsd));
  if (rules.maxCostPerTaskUsd !== null) checks.push(...checkCostPerTask(summary, rules.maxCostPerTaskUsd));
  return gateResult(checks);
}
