import { pairedTest } from "./paired-test.js";
import { minimumDetectableEffect } from "./power.js";
import { isBinaryVector, subtract, vectorOf } from "./task-vectors.js";
import type { TaskIndex } from "./task-vectors.js";
import type { AnalysisOptions, GainSummary, HorizonGrowth, MissingComparison, TierSummary } from "./summary-types.js";

/** Tier summaries of one (suite, harness) that have data, least capable first. */
export function tiersOf(tierValues: readonly TierSummary[], suite: string, harness: string): TierSummary[] {
  return tierValues.filter((tier) => tier.suite === suite && tier.harness === harness && tier.mean !== null);
}

export type TierEnds =
  | { ok: true; bottom: TierSummary; top: TierSummary; below: TierSummary; tiers: TierSummary[] }
  | { ok: false; reason: string };

/**
 * The bottom and top tiers of the run for one (suite, harness), and the tier below the top.
 * Missing data at either end is said, never substituted by the next tier.
 */
export function tierEnds(
  tierValues: readonly TierSummary[],
  suite: string,
  harness: string,
  tierOrder: readonly string[],
): TierEnds {
  if (tierOrder.length < 2) return { ok: false, reason: `only one tier (${tierOrder.join("") || "none"}) in the run` };
  const all = tierValues.filter((tier) => tier.suite === suite && tier.harness === harness);
  const withData = all.filter((tier) => tier.mean !== null);
  const describe = (tier: string) => {
    const entry = all.find((item) => item.tier === tier);
    return entry && entry.errors > 0
      ? `no scored samples at ${tier} (${entry.errors} error${entry.errors === 1 ? "" : "s"})`
      : `no samples at ${tier}`;
  };
  const bottomTier = tierOrder[0]!;
  const topTier = tierOrder[tierOrder.length - 1]!;
  const bottom = withData.find((tier) => tier.tier === bottomTier);
  const top = withData.find((tier) => tier.tier === topTier);
  if (!bottom || !top) {
    const gaps = [bottom ? null : describe(bottomTier), top ? null : describe(topTier)].filter(Boolean);
    return { ok: false, reason: gaps.join("; ") };
  }
  return { ok: true, bottom, top, below: withData[withData.length - 2]!, tiers: withData };
}

export interface GainDraft {
  summary: GainSummary;
  /** Per-task top − bottom (NaN where a task lacks one), for the interval. */
  differences: Float64Array;
}

/** Gain from the bottom to the top tier per (suite, harness), paired over the shared tasks; interval filled later. */
export function scalingGains(
  tierValues: readonly TierSummary[],
  tierOrder: readonly string[],
  options: AnalysisOptions,
  indexOf: (suite: string) => TaskIndex,
): { drafts: GainDraft[]; missing: MissingComparison[] } {
  const drafts: GainDraft[] = [];
  const missing: MissingComparison[] = [];
  for (const { suite, harness } of distinctPairs(tierValues)) {
    const ends = tierEnds(tierValues, suite, harness, tierOrder);
    if (!ends.ok) {
      missing.push({ suite, harness, what: "gain", reason: ends.reason });
      continue;
    }
    const { bottom, top } = ends;
    const index = indexOf(suite);
    const topVector = vectorOf(index, top.taskValues);
    const bottomVector = vectorOf(index, bottom.taskValues);
    const differences = subtract(topVector, bottomVector);
    let from = 0;
    let to = 0;
    let count = 0;
    for (let at = 0; at < differences.length; at++) {
      if (Number.isNaN(differences[at]!)) continue;
      from += bottomVector[at]!;
      to += topVector[at]!;
      count++;
    }
    if (count === 0) {
      missing.push({ suite, harness, what: "gain", reason: `no task scored at both ${bottom.tier} and ${top.tier}` });
      continue;
    }
    from /= count;
    to /= count;
    const gain = to - from;
    const test = pairedTest({
      values: differences,
      claim: gain < 0 ? "less" : "greater",
      boundary: 0,
      binary: isBinaryVector(topVector) && isBinaryVector(bottomVector),
    });
    const headroom = 1 - from;
    drafts.push({
      differences,
      summary: {
        suite,
        harness,
        fromTier: bottom.tier,
        toTier: top.tier,
        tasks: count,
        from,
        to,
        gain,
        ci95: [gain, gain],
        mde: minimumDetectableEffect(
          test.standardError,
          { alpha: (1 - options.level) / 2, power: options.thresholds.power },
          test.df,
        ),
        normalizedGain: headroom > 1e-9 ? gain / headroom : null,
        // Set with the interval: it must exclude zero, and the exact bound must allow it.
        significant: test.pValue <= (1 - options.level) / 2,
      },
    });
  }
  return { drafts, missing };
}

/** How the horizon moves from tier to tier; growth only between two finite, in-range estimates. */
export function horizonGrowth(tierValues: readonly TierSummary[], tierOrder: readonly string[]): HorizonGrowth[] {
  const growth: HorizonGrowth[] = [];
  for (const { suite, harness } of distinctPairs(tierValues)) {
    const tiers = tiersOf(tierValues, suite, harness)
      .filter((tier) => tier.horizon !== null)
      .sort((a, b) => tierOrder.indexOf(a.tier) - tierOrder.indexOf(b.tier));
    if (tiers.length === 0) continue;
    const first = tiers[0]!;
    const last = tiers[tiers.length - 1]!;
    const finite = (tier: TierSummary) => tier.horizon!.difficulty !== null && tier.horizon!.censored === null;
    let value: number | null = null;
    let note: string | null = null;
    if (tiers.length < 2) note = "one tier with a horizon";
    else if (finite(first) && finite(last)) value = last.horizon!.difficulty! / first.horizon!.difficulty!;
    else
      note = [first, last]
        .filter((tier) => !finite(tier))
        .map(
          (tier) =>
            `${tier.horizon!.censored === "below" ? "below the easiest task" : "above the hardest task"} at ${tier.tier}`,
        )
        .join("; ");
    growth.push({
      suite,
      harness,
      byTier: tiers.map((tier) => ({
        tier: tier.tier,
        difficulty: tier.horizon!.difficulty,
        censored: tier.horizon!.censored,
        ci95: tier.horizon!.ci95,
        extrapolated: tier.horizon!.extrapolated,
        observedRange: tier.horizon!.observedRange,
      })),
      growth: value,
      growthNote: note,
      extrapolated: first.horizon!.extrapolated || last.horizon!.extrapolated,
    });
  }
  return growth;
}

export function distinctPairs(tierValues: readonly TierSummary[]): { suite: string; harness: string }[] {
  const seen = new Map<string, { suite: string; harness: string }>();
  for (const tier of tierValues)
    seen.set(`${tier.suite}\u0000${tier.harness}`, { suite: tier.suite, harness: tier.harness });
  return [...seen.values()];
}
