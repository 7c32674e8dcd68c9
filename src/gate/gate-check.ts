import type { Tier } from "../types.js";

export type GateRuleName =
  "complete" | "min-score" | "max-drop" | "require-scaling" | "max-error-rate" | "max-cost" | "max-cost-per-task";

/** One rule checked on one subject, e.g. max-drop on arith / prompt / sim:frontier. */
export interface GateCheck {
  rule: GateRuleName;
  /** `suite / harness / model` (or tier), or `run` for run-wide rules. */
  subject: string;
  suite?: string;
  harness?: string;
  model?: string;
  tier?: Tier;
  /** `skipped`: the rule could not be judged (e.g. no price) and does not fail the gate. */
  status: "held" | "failed" | "skipped";
  /** The numbers, and by how much the rule held or failed. */
  detail: string;
}

export interface GateResult {
  passed: boolean;
  checks: GateCheck[];
}

export function gateResult(checks: GateCheck[]): GateResult {
  return { passed: checks.every((check) => check.status !== "failed"), checks };
}

const STATUS_LABEL: Record<GateCheck["status"], string> = { held: "held  ", failed: "FAILED", skipped: "skipped" };

/** `held   min-score arith / prompt / frontier: 0.94 ≥ 0.80 (by +0.14)` */
export function formatGateCheck(check: GateCheck): string {
  return `${STATUS_LABEL[check.status]} ${check.rule} ${check.subject}: ${check.detail}`;
}
