import { describe, expect, it } from "vitest";
import { DEFAULT_ANALYSIS_OPTIONS } from "../analysis/analysis-options.js";
import { createSeededRandom } from "../random/seeded-random.js";
import type { CellSummary, Summary } from "../analysis/summary-types.js";
import type { Tier } from "../types.js";
import { checkMaxDrop } from "./check-max-drop.js";

const MODELS: { model: string; tier: Tier; success: number }[] = [
  { model: "sim:low", tier: "low", success: 0.4 },
  { model: "sim:mid", tier: "mid", success: 0.6 },
  { model: "sim:frontier", tier: "frontier", success: 0.85 },
];

/** A summary whose per-task values are pass/fail draws at each model's success rate minus `drop`. */
function summary(seed: number, drop: number, tasks = 40): Summary {
  const random = createSeededRandom(seed, "check-max-drop.test");
  const cells = MODELS.map(({ model, tier, success }) => {
    const taskValues: Record<string, number> = {};
    for (let task = 0; task < tasks; task++) taskValues[`t${task}`] = random() < success - drop ? 1 : 0;
    const values = Object.values(taskValues);
    return {
      suite: "s",
      harness: "h",
      model,
      tier,
      tasks,
      mean: values.reduce((a, b) => a + b, 0) / tasks,
      taskValues,
    } as unknown as CellSummary;
  });
  return { cells, options: { ...DEFAULT_ANALYSIS_OPTIONS, seed } } as unknown as Summary;
}

describe("checkMaxDrop", () => {
  it("rarely fails a re-run of the same harness (noise), always fails a real drop", () => {
    let noiseFailures = 0;
    let dropFailures = 0;
    const trials = 30;
    for (let trial = 0; trial < trials; trial++) {
      const baseline = summary(1000 + trial, 0);
      const same = checkMaxDrop(summary(2000 + trial, 0), baseline, { maxDrop: 0, alpha: 0.05 });
      if (same.some((check) => check.status === "failed")) noiseFailures++;
      const worse = checkMaxDrop(summary(3000 + trial, 0.4), baseline, { maxDrop: 0.05, alpha: 0.05 });
      if (worse.some((check) => check.status === "failed")) dropFailures++;
    }
    // Bonferroni over 3 cells, one-sided: about alpha/2 of builds fail on noise alone.
    expect(noiseFailures).toBeLessThanOrEqual(3);
    expect(dropFailures).toBe(trials);
  });

  it("fails a cell that vanished and one with no shared tasks", () => {
    const baseline = summary(1, 0);
    const current = summary(2, 0);
    current.cells = [current.cells[0]!, { ...current.cells[1]!, taskValues: { other: 1 } }];
    const checks = checkMaxDrop(current, baseline, { maxDrop: 0, alpha: 0.05 });
    expect(checks.map((check) => check.status)).toEqual(["held", "failed", "failed"]);
    expect(checks[1]!.detail).toContain("no task scored in both");
    expect(checks[2]!.detail).toContain("not in this run");
  });
});
