// What `capbench plan` assumes when neither a pilot run nor the response cache says otherwise.
// Stated in every plan's output and in docs/statistics.md; a pilot (`capbench run --limit 5`,
// then `capbench plan --pilot DIR`) replaces them with measured values.
import type { VarianceComponents } from "./power.js";

/** Model calls per sample by harness (custom harnesses: `other`). */
export const ASSUMED_CALLS_PER_SAMPLE: Record<string, number> = {
  prompt: 1,
  workflow: 4,
  agent: 8,
  "multi-agent": 12,
  other: 4,
};

/** Tokens per model call. */
export const ASSUMED_TOKENS_PER_CALL = { input: 1500, output: 300 };

/**
 * Scores are pass/fail with mean 0.5 and tasks spread with a standard deviation of 0.25 in
 * success probability, so one epoch of one arm varies by 0.25 − 0.25² = 0.1875 within a task;
 * the arms' task effects are nearly the same, with a task × arm interaction of variance 0.02
 * (0.04 for a difference of gains, which has four arms).
 */
export const ASSUMED_VARIANCE: Record<"gain" | "harness" | "interaction", VarianceComponents> = {
  gain: { betweenTasks: 0.02, withinTask: 2 * 0.1875 },
  harness: { betweenTasks: 0.02, withinTask: 2 * 0.1875 },
  interaction: { betweenTasks: 0.04, withinTask: 4 * 0.1875 },
};

export function assumedCallsPerSample(harness: string): number {
  const base = harness.replace(/\[.*\]$/, "");
  return ASSUMED_CALLS_PER_SAMPLE[base] ?? ASSUMED_CALLS_PER_SAMPLE.other!;
}
