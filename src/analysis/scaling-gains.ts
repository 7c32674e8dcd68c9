import { TIERS } from "../types.js";
import type { Tier } from "../types.js";
import { comparePaired } from "./paired-comparison.js";
import type { AnalysisOptions, GainSummary, HorizonGrowth, TierSummary } from "./summary-types.js";

/** Tier summaries of one (suite, harness), bottom tier first. */
export function tiersOf(tierValues: readonly TierSummary[], suite: string, harness: string): TierSummary[] {
  return tierValues
    .filter((tier) => tier.suite === suite && tier.harness === harness && tier.mean !== null)
    .sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier));
}

/** Gain from the bottom to the top tier per (suite, harness), paired over the shared tasks. */
export function scalingGains(tierValues: readonly TierSummary[], options: AnalysisOptions): GainSummary[] {
  const gains: GainSummary[] = [];
  for (const { suite, harness } of distinctPairs(tierValues)) {
    const tiers = tiersOf(tierValues, suite, harness);
    const bottom = tiers[0];
    const top = tiers[tiers.length - 1];
    if (!bottom || !top || bottom === top) continue;
    const comparison = comparePaired(top.taskValues, bottom.taskValues, {
      seed: options.seed,
      resamples: options.resamples,
      level: options.level,
      label: `gain\u0000${suite}\u0000${harness}`,
    });
    if (!comparison) continue;
    const headroom = 1 - comparison.meanB;
    gains.push({
      suite,
      harness,
      fromTier: bottom.tier,
      toTier: top.tier,
      tasks: comparison.tasks,
      from: comparison.meanB,
      to: comparison.meanA,
      gain: comparison.difference,
      ci95: comparison.ci,
      normalizedGain: headroom > 1e-9 ? comparison.difference / headroom : null,
      significant: comparison.significant,
    });
  }
  return gains;
}

export function horizonGrowth(tierValues: readonly TierSummary[]): HorizonGrowth[] {
  const growth: HorizonGrowth[] = [];
  for (const { suite, harness } of distinctPairs(tierValues)) {
    const tiers = tiersOf(tierValues, suite, harness).filter((tier) => tier.horizon !== null);
    if (tiers.length === 0) continue;
    const first = tiers[0]!.horizon!.difficulty;
    const last = tiers[tiers.length - 1]!.horizon!.difficulty;
    const extrapolated = tiers[0]!.horizon!.extrapolated || tiers[tiers.length - 1]!.horizon!.extrapolated;
    growth.push({
      suite,
      harness,
      byTier: tiers.map((tier) => ({
        tier: tier.tier as Tier,
        difficulty: tier.horizon!.difficulty,
        ci95: tier.horizon!.ci95,
        extrapolated: tier.horizon!.extrapolated,
      })),
      growth: tiers.length > 1 && first !== null && last !== null && first > 0 ? last / first : null,
      extrapolated,
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
