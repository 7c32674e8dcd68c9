import { formatLevel, formatScore, formatSigned } from "../analysis/format-numbers.js";
import { comparePaired } from "../analysis/paired-comparison.js";
import type { Summary } from "../analysis/summary-types.js";
import type { GateCheck } from "./gate-check.js";

export interface MaxDropOptions {
  /** Largest tolerated drop in mean score (0 = any real drop fails). */
  maxDrop: number;
  /** Family-wise error rate over all the comparisons. */
  alpha: number;
}

/**
 * Each (suite, harness, model) of the baseline against the same cell of this run, paired over
 * the tasks both scored: the rule fails only when the whole paired-bootstrap interval of
 * (this run − baseline) lies below −maxDrop, i.e. the drop is larger than allowed beyond the
 * noise. The level is 1 − alpha/m for m comparisons (Bonferroni), so an unchanged harness
 * re-run with another seed fails the gate in at most about alpha/2 of builds.
 */
export function checkMaxDrop(summary: Summary, baseline: Summary, options: MaxDropOptions): GateCheck[] {
  const comparisons = baseline.cells.length;
  const level = 1 - options.alpha / Math.max(1, comparisons);
  const checks: GateCheck[] = [];
  for (const before of baseline.cells) {
    const base = {
      rule: "max-drop" as const,
      subject: `${before.suite} / ${before.harness} / ${before.model}`,
      suite: before.suite,
      harness: before.harness,
      model: before.model,
      tier: before.tier,
    };
    const after = summary.cells.find(
      (cell) => cell.suite === before.suite && cell.harness === before.harness && cell.model === before.model,
    );
    if (!after) {
      checks.push({
        ...base,
        status: "failed",
        detail: `in the baseline (${formatScore(before.mean)}) but not in this run; refresh the baseline if it was removed on purpose`,
      });
      continue;
    }
    const comparison = comparePaired(after.taskValues, before.taskValues, {
      seed: summary.options.seed,
      resamples: summary.options.resamples,
      level,
      label: `gate\u0000${before.suite}\u0000${before.harness}\u0000${before.model}`,
    });
    if (!comparison) {
      checks.push({
        ...base,
        status: "failed",
        detail: "no task scored in both the baseline and this run; refresh the baseline if the suite changed",
      });
      continue;
    }
    const [low, high] = comparison.ci;
    // A zero-width interval or a handful of tasks that moved cannot establish a drop: an exact
    // sign test on the tasks that changed must be able to reach the level.
    const decisive = high > low && 0.5 ** comparison.discordant <= (1 - level) / 2;
    const held = high >= -options.maxDrop || !decisive;
    const interval = `[${formatSigned(low)}, ${formatSigned(high)}]`;
    const coverage =
      before.tasks > comparison.tasks ? ` (${before.tasks - comparison.tasks} baseline tasks missing)` : "";
    const verdict =
      !decisive && high < -options.maxDrop
        ? `too few tasks changed (${comparison.discordant}) to establish a drop`
        : held
          ? `within the allowed drop ${options.maxDrop.toFixed(2)} (interval top ${formatSigned(high)}, margin ${(high + options.maxDrop).toFixed(2)})`
          : `exceeds the allowed drop ${options.maxDrop.toFixed(2)} by at least ${(-high - options.maxDrop).toFixed(2)}`;
    const mde = comparison.mde === null ? "" : `; detectable drop ${comparison.mde.toFixed(2)}`;
    checks.push({
      ...base,
      status: held ? "held" : "failed",
      detail:
        `${formatScore(comparison.meanB)} → ${formatScore(comparison.meanA)}, change ${formatSigned(comparison.difference)} ${interval} ` +
        `(${formatLevel(level)} paired interval over ${comparison.tasks} tasks${coverage}${mde}); ${verdict}`,
    });
  }
  return checks;
}
