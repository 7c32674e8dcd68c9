// The bottleneck flags, as DESIGN.md defines them. Multiple comparisons: each of the 5 flag
// kinds can fire for each of the suite's m harnesses, so every decision tests at level
// 1 − alpha/(5·m) (Bonferroni), with bootstrap-normal intervals that stay stable that far out,
// and a flag that compares harnesses needs the contrast itself to be significant. Noise alone
// (identical harnesses) then raises a flag in well under alpha of runs.
import { HARNESS_LIMIT_REASONS } from "../types.js";
import type { StopReason } from "../types.js";
import { formatPercent, formatScore, formatSigned, formatSignedInterval, formatUsd } from "./format-numbers.js";
import { comparePaired, pairedDifferences } from "./paired-comparison.js";
import type { PairedComparison } from "./paired-comparison.js";
import { distinctPairs, tiersOf } from "./scaling-gains.js";
import type { AnalysisOptions, CellSummary, Flag, TierSummary } from "./summary-types.js";

const flagKinds = 5;

export function detectFlags(
  tierValues: readonly TierSummary[],
  cells: readonly CellSummary[],
  options: AnalysisOptions,
): Flag[] {
  const flags: Flag[] = [];
  const suites = [...new Set(tierValues.map((tier) => tier.suite))];
  for (const suite of suites) {
    const harnesses = distinctPairs(tierValues)
      .filter((pair) => pair.suite === suite)
      .map((pair) => pair.harness)
      .filter((harness) => tiersOf(tierValues, suite, harness).length > 0);
    const level = 1 - options.thresholds.alpha / (flagKinds * Math.max(1, harnesses.length));
    const compare = (a: Record<string, number>, b: Record<string, number>, label: string): PairedComparison | null =>
      comparePaired(a, b, {
        seed: options.seed,
        resamples: options.resamples,
        level,
        method: "normal",
        label: `flag\u0000${suite}\u0000${label}`,
      });
    const context: SuiteContext = { suite, harnesses, level, options, tierValues, cells, compare };
    for (const harness of harnesses) {
      const regressing = regressingFlag(context, harness);
      if (regressing) flags.push(regressing);
      const flat = regressing ? null : flatFlag(context, harness);
      if (flat) flags.push(flat);
      const ceiling = ceilingFlag(context, harness);
      if (ceiling) flags.push(ceiling);
      const overtaken = overtakenFlag(context, harness);
      if (overtaken) flags.push(overtaken);
      const dominated = dominatedFlag(context, harness);
      if (dominated) flags.push(dominated);
    }
  }
  return flags;
}

interface SuiteContext {
  suite: string;
  harnesses: string[];
  level: number;
  options: AnalysisOptions;
  tierValues: readonly TierSummary[];
  cells: readonly CellSummary[];
  compare(a: Record<string, number>, b: Record<string, number>, label: string): PairedComparison | null;
}

function ends(context: SuiteContext, harness: string) {
  const tiers = tiersOf(context.tierValues, context.suite, harness);
  const bottom = tiers[0];
  const top = tiers[tiers.length - 1];
  if (!bottom || !top || bottom === top) return null;
  return { tiers, bottom, top, below: tiers[tiers.length - 2]! };
}

function gainOf(context: SuiteContext, harness: string) {
  const tiers = ends(context, harness);
  if (!tiers) return null;
  const comparison = context.compare(tiers.top.taskValues, tiers.bottom.taskValues, `gain\u0000${harness}`);
  return comparison ? { ...tiers, comparison } : null;
}

function regressingFlag(context: SuiteContext, harness: string): Flag | null {
  const gain = gainOf(context, harness);
  if (!gain || !(gain.comparison.ci[1] < 0)) return null;
  const { comparison, bottom, top } = gain;
  return {
    kind: "regressing",
    suite: context.suite,
    harness,
    message:
      `${harness} on ${context.suite} gets worse with a better model: ${bottom.tier} ${formatScore(comparison.meanB)} → ` +
      `${top.tier} ${formatScore(comparison.meanA)} (${formatSigned(comparison.difference)}, ${formatSignedInterval(comparison.ci, context.level)}).`,
    evidence: {
      fromTier: bottom.tier,
      toTier: top.tier,
      from: comparison.meanB,
      to: comparison.meanA,
      gain: comparison.difference,
      ciLow: comparison.ci[0],
      ciHigh: comparison.ci[1],
      level: context.level,
    },
  };
}

/**
 * `flat`: the gain is not distinguishable from zero (or under the floor) while another harness
 * gains significantly more over the same tasks and ends higher at the top tier.
 */
function flatFlag(context: SuiteContext, harness: string): Flag | null {
  const own = gainOf(context, harness);
  if (!own) return null;
  const { floor } = { floor: context.options.thresholds.gainFloor };
  if (own.comparison.ci[0] > 0 && own.comparison.difference >= floor) return null;
  const ownGains = pairedDifferences(own.top.taskValues, own.bottom.taskValues);
  let best: { harness: string; gain: PairedComparison; contrast: PairedComparison } | null = null;
  for (const other of context.harnesses) {
    if (other === harness) continue;
    const otherGain = gainOf(context, other);
    if (!otherGain || !(otherGain.comparison.ci[0] > 0) || otherGain.comparison.difference < floor) continue;
    if (otherGain.bottom.tier !== own.bottom.tier || otherGain.top.tier !== own.top.tier) continue;
    // A harness that already ends as high as the gaining one is not holding the model back:
    // it had less headroom (e.g. it lifts weak models close to the ceiling), not less reach.
    if (otherGain.comparison.meanA < own.comparison.meanA + floor) continue;
    const otherGains = pairedDifferences(otherGain.top.taskValues, otherGain.bottom.taskValues);
    const contrast = context.compare(otherGains, ownGains, `contrast\u0000${other}\u0000${harness}`);
    if (!contrast || !(contrast.ci[0] > 0)) continue;
    if (!best || contrast.difference > best.contrast.difference)
      best = { harness: other, gain: otherGain.comparison, contrast };
  }
  if (!best) return null;
  const { comparison, bottom, top } = own;
  return {
    kind: "flat",
    suite: context.suite,
    harness,
    message:
      `${harness} on ${context.suite} does not convert capability into score: ${bottom.tier} ${formatScore(comparison.meanB)} → ` +
      `${top.tier} ${formatScore(comparison.meanA)} (${formatSigned(comparison.difference)}, ${formatSignedInterval(comparison.ci, context.level)}) ` +
      `while ${best.harness} gains ${formatSigned(best.gain.difference)} (${formatSigned(best.contrast.difference)} more, ${formatSignedInterval(best.contrast.ci, context.level)}).`,
    evidence: {
      fromTier: bottom.tier,
      toTier: top.tier,
      from: comparison.meanB,
      to: comparison.meanA,
      gain: comparison.difference,
      ciLow: comparison.ci[0],
      ciHigh: comparison.ci[1],
      other: best.harness,
      otherGain: best.gain.difference,
      contrast: best.contrast.difference,
      contrastCiLow: best.contrast.ci[0],
      contrastCiHigh: best.contrast.ci[1],
      level: context.level,
    },
  };
}

function ceilingFlag(context: SuiteContext, harness: string): Flag | null {
  const own = ends(context, harness);
  if (!own) return null;
  const { top, below } = own;
  const step = context.compare(top.taskValues, below.taskValues, `step\u0000${harness}`);
  if (!step || (step.ci[0] > 0 && step.difference >= context.options.thresholds.gainFloor)) return null;
  const limitShare = top.harnessLimitShare;
  if (limitShare === null || !(limitShare > context.options.thresholds.ceilingLimitShare)) return null;
  let best: { harness: string; comparison: PairedComparison } | null = null;
  for (const other of context.harnesses) {
    if (other === harness) continue;
    const otherTop = tiersOf(context.tierValues, context.suite, other).find((tier) => tier.tier === top.tier);
    if (!otherTop) continue;
    const comparison = context.compare(otherTop.taskValues, top.taskValues, `top\u0000${other}\u0000${harness}`);
    if (!comparison || !(comparison.ci[0] > 0)) continue;
    if (!best || comparison.difference > best.comparison.difference) best = { harness: other, comparison };
  }
  if (!best) return null;
  const reasons = topLimitReasons(context, harness, top.tier);
  return {
    kind: "ceiling",
    suite: context.suite,
    harness,
    message:
      `${harness} on ${context.suite} stops improving: ${below.tier} ${formatScore(step.meanB)} → ${top.tier} ${formatScore(step.meanA)} ` +
      `(${formatSigned(step.difference)}, ${formatSignedInterval(step.ci, context.level)}) while ${best.harness} scores ` +
      `${formatSigned(best.comparison.difference)} more at ${top.tier}; ${formatPercent(limitShare)} of its ${top.tier} failures are harness limits` +
      `${reasons ? ` (${reasons})` : ""}.`,
    evidence: {
      fromTier: below.tier,
      toTier: top.tier,
      from: step.meanB,
      to: step.meanA,
      step: step.difference,
      ciLow: step.ci[0],
      ciHigh: step.ci[1],
      other: best.harness,
      otherAdvantage: best.comparison.difference,
      harnessLimitShare: limitShare,
      level: context.level,
    },
  };
}

function topLimitReasons(context: SuiteContext, harness: string, tier: string): string {
  const counts = new Map<StopReason, number>();
  let failures = 0;
  for (const cell of context.cells) {
    if (cell.suite !== context.suite || cell.harness !== harness || cell.tier !== tier) continue;
    failures += cell.failures.harnessLimit + cell.failures.wrongAnswer;
    for (const reason of HARNESS_LIMIT_REASONS)
      counts.set(reason, (counts.get(reason) ?? 0) + (cell.failures.byStopReason[reason] ?? 0));
  }
  return [...counts]
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([reason, count]) => `${reason} ${formatPercent(count / failures)}`)
    .join(", ");
}

function overtakenFlag(context: SuiteContext, harness: string): Flag | null {
  const baseline = context.options.baselineHarness;
  if (harness === baseline || !context.harnesses.includes(baseline)) return null;
  const own = ends(context, harness);
  const base = ends(context, baseline);
  if (!own || !base || own.bottom.tier !== base.bottom.tier || own.top.tier !== base.top.tier) return null;
  const atBottom = context.compare(own.bottom.taskValues, base.bottom.taskValues, `bottom\u0000${harness}`);
  if (!atBottom || !(atBottom.ci[0] > 0)) return null;
  const atTop = context.compare(own.top.taskValues, base.top.taskValues, `topvs\u0000${harness}`);
  if (!atTop || atTop.ci[0] > 0 || atTop.difference >= atBottom.difference) return null;
  return {
    kind: "overtaken",
    suite: context.suite,
    harness,
    message:
      `${harness} on ${context.suite} helps weak models but not strong ones: ${formatSigned(atBottom.difference)} over ${baseline} at ` +
      `${own.bottom.tier} (${formatSignedInterval(atBottom.ci, context.level)}) but ${formatSigned(atTop.difference)} at ${own.top.tier} ` +
      `(${formatSignedInterval(atTop.ci, context.level)}).`,
    evidence: {
      baseline,
      bottomTier: own.bottom.tier,
      topTier: own.top.tier,
      bottomAdvantage: atBottom.difference,
      bottomCiLow: atBottom.ci[0],
      bottomCiHigh: atBottom.ci[1],
      topAdvantage: atTop.difference,
      topCiLow: atTop.ci[0],
      topCiHigh: atTop.ci[1],
      level: context.level,
    },
  };
}

function dominatedFlag(context: SuiteContext, harness: string): Flag | null {
  const ownTiers = tiersOf(context.tierValues, context.suite, harness);
  const top = ownTiers[ownTiers.length - 1];
  if (!top || top.costPerTaskUsd === null || !(top.costPerTaskUsd > 0)) return null;
  let best: { harness: string; comparison: PairedComparison; cost: number } | null = null;
  for (const other of context.harnesses) {
    if (other === harness) continue;
    const otherTop = tiersOf(context.tierValues, context.suite, other).find((tier) => tier.tier === top.tier);
    if (!otherTop || otherTop.costPerTaskUsd === null) continue;
    if (otherTop.costPerTaskUsd > context.options.thresholds.dominatedCostRatio * top.costPerTaskUsd) continue;
    const comparison = context.compare(top.taskValues, otherTop.taskValues, `dominated\u0000${harness}\u0000${other}`);
    if (!comparison || comparison.ci[0] > 0) continue;
    if (!best || comparison.difference < best.comparison.difference)
      best = { harness: other, comparison, cost: otherTop.costPerTaskUsd };
  }
  if (!best) return null;
  const ratio = best.cost / top.costPerTaskUsd;
  return {
    kind: "dominated",
    suite: context.suite,
    harness,
    message:
      `${harness} on ${context.suite} is dominated at ${top.tier}: ${best.harness} scores ${formatScore(best.comparison.meanB)} vs ` +
      `${formatScore(best.comparison.meanA)} (${formatSigned(-best.comparison.difference)}, ` +
      `${formatSignedInterval([-best.comparison.ci[1], -best.comparison.ci[0]], context.level)}) at ${formatPercent(ratio)} of the cost ` +
      `(${formatUsd(best.cost)} vs ${formatUsd(top.costPerTaskUsd)} per task).`,
    evidence: {
      tier: top.tier,
      other: best.harness,
      score: best.comparison.meanA,
      otherScore: best.comparison.meanB,
      costPerTaskUsd: top.costPerTaskUsd,
      otherCostPerTaskUsd: best.cost,
      costRatio: ratio,
      level: context.level,
    },
  };
}
