// The flag tests of one suite, before the run-wide multiplicity correction. Each flag is a claim
// made of parts that must all hold (an intersection-union test: its p-value is the largest of
// its parts', no correction needed); a part that says "some other harness …" takes the best
// other harness and multiplies its p-value by the number of candidates (Bonferroni). Which tests
// exist depends only on the design (harnesses, tiers, baseline) and on two gates that are not
// score comparisons: the harness-limit share at the top tier (ceiling) and the cost ratio
// (dominated).
import { pairedTest } from "./paired-test.js";
import type { Claim, PairedTest } from "./paired-test.js";
import { tierEnds } from "./scaling-gains.js";
import { isBinaryVector, subtract, vectorOf } from "./task-vectors.js";
import type { TaskIndex } from "./task-vectors.js";
import type { AnalysisOptions, CellSummary, FlagKind, TierSummary } from "./summary-types.js";

export interface ClaimPart {
  /** What the part claims, e.g. "gain low→frontier < 0.15". */
  name: string;
  /** Per-task values of the contrast on the suite's task index (NaN: not paired), for the test and the interval. */
  values: Float64Array;
  claim: Claim;
  boundary: number;
  test: PairedTest;
}

export interface FlagCandidate {
  kind: FlagKind;
  suite: string;
  harness: string;
  other: string | null;
  claim: string;
  /** The parts; pValue = max over parts (after the Bonferroni factor of "some other" parts). */
  parts: ClaimPart[];
  /** p-value of each part as it enters the max (a "some other" part is multiplied by its candidates). */
  partPValues: number[];
  pValue: number;
  margin: number | null;
  /** Numbers for the sentence. */
  facts: Record<string, number | string | null>;
}

export interface SuiteFlagContext {
  suite: string;
  harnesses: readonly string[];
  tierValues: readonly TierSummary[];
  cells: readonly CellSummary[];
  tierOrder: readonly string[];
  options: AnalysisOptions;
  index: TaskIndex;
}

/** Every flag test of one suite. */
export function suiteFlagCandidates(context: SuiteFlagContext): FlagCandidate[] {
  const { suite, options, index } = context;
  const vector = (values: Readonly<Record<string, number>>) => vectorOf(index, values);
  const { gainMargin, scoreMargin, ceilingLimitShare, dominatedCostRatio } = options.thresholds;
  const ends = new Map(
    context.harnesses.map((harness) => [harness, tierEnds(context.tierValues, suite, harness, context.tierOrder)]),
  );
  const gains = new Map<string, { values: Float64Array; binary: boolean; from: string; to: string }>();
  for (const [harness, end] of ends) {
    if (!end.ok) continue;
    gains.set(harness, {
      values: subtract(vector(end.top.taskValues), vector(end.bottom.taskValues)),
      binary: isBinaryVector(vector(end.top.taskValues)) && isBinaryVector(vector(end.bottom.taskValues)),
      from: end.bottom.tier,
      to: end.top.tier,
    });
  }
  const binaryPair = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) =>
    isBinaryVector(vector(a)) && isBinaryVector(vector(b));
  const difference = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) =>
    subtract(vector(a), vector(b));
  const make = (name: string, values: Float64Array, claim: Claim, boundary: number, binary: boolean): ClaimPart => ({
    name,
    values,
    claim,
    boundary,
    test: pairedTest({ values, clusters: index.clusters, claim, boundary, binary }),
  });
  const candidates: FlagCandidate[] = [];
  const finish = (
    candidate: Omit<FlagCandidate, "pValue" | "partPValues">,
    factors: number[] = candidate.parts.map(() => 1),
  ) => {
    const partPValues = candidate.parts.map((item, index) => Math.min(1, item.test.pValue * factors[index]!));
    candidates.push({ ...candidate, partPValues, pValue: Math.max(...partPValues) });
  };

  for (const harness of context.harnesses) {
    const end = ends.get(harness)!;
    const gain = gains.get(harness);
    if (!end.ok || !gain) continue;
    const span = `${gain.from}→${gain.to}`;

    // regressing: the top tier is worse than the bottom.
    finish({
      kind: "regressing",
      suite,
      harness,
      other: null,
      claim: `gain ${span} < 0`,
      parts: [make(`gain ${span} < 0`, gain.values, "less", 0, gain.binary)],
      margin: null,
      facts: { fromTier: gain.from, toTier: gain.to },
    });

    // flat: the gain is below the margin while another harness gains, and gains more.
    const others = [...gains].filter(
      ([other, entry]) => other !== harness && entry.from === gain.from && entry.to === gain.to,
    );
    if (others.length > 0) {
      const ownPart = make(`gain ${span} < ${gainMargin}`, gain.values, "less", gainMargin, gain.binary);
      // The other harness must also end higher: one that only had less headroom (it lifts the
      // weak model near the ceiling) is not held back.
      const best = bestOf(
        others.map(([other, entry]) => {
          const otherEnd = ends.get(other)!;
          const otherTop = otherEnd.ok ? otherEnd.top.taskValues : {};
          return {
            other,
            parts: [
              make(`gain of ${other} > gain of ${harness}`, subtract(entry.values, gain.values), "greater", 0, false),
              make(`gain of ${other} > 0`, entry.values, "greater", 0, entry.binary),
              make(
                `${other} > ${harness} at ${gain.to}`,
                difference(otherTop, end.top.taskValues),
                "greater",
                0,
                binaryPair(otherTop, end.top.taskValues),
              ),
            ],
          };
        }),
      );
      finish(
        {
          kind: "flat",
          suite,
          harness,
          other: best.other,
          claim: `gain ${span} < ${gainMargin} while ${best.other} gains more`,
          parts: [ownPart, ...best.parts],
          margin: gainMargin,
          facts: { fromTier: gain.from, toTier: gain.to },
        },
        [1, others.length, others.length, others.length],
      );
    }

    // ceiling: the last step is below the margin, the failures at the top are mostly harness
    // limits (a gate), and another harness does better at the top.
    const { top, below } = end;
    if (below !== top && top.harnessLimitShare !== null && top.harnessLimitShare > ceilingLimitShare) {
      const rivals = context.harnesses.flatMap((other) => {
        if (other === harness) return [];
        const otherTop = context.tierValues.find(
          (tier) => tier.suite === suite && tier.harness === other && tier.tier === top.tier && tier.mean !== null,
        );
        return otherTop ? [{ other, otherTop }] : [];
      });
      if (rivals.length > 0) {
        const step = difference(top.taskValues, below.taskValues);
        const stepBinary = binaryPair(top.taskValues, below.taskValues);
        const best = bestOf(
          rivals.map(({ other, otherTop }) => ({
            other,
            parts: [
              make(
                `${other} > ${harness} at ${top.tier}`,
                difference(otherTop.taskValues, top.taskValues),
                "greater",
                0,
                binaryPair(otherTop.taskValues, top.taskValues),
              ),
            ],
          })),
        );
        finish(
          {
            kind: "ceiling",
            suite,
            harness,
            other: best.other,
            claim: `step ${below.tier}→${top.tier} < ${gainMargin} while ${best.other} does better at ${top.tier}`,
            parts: [
              make(`step ${below.tier}→${top.tier} < ${gainMargin}`, step, "less", gainMargin, stepBinary),
              ...best.parts,
            ],
            margin: gainMargin,
            facts: { fromTier: below.tier, toTier: top.tier, harnessLimitShare: top.harnessLimitShare },
          },
          [1, rivals.length],
        );
      }
    }

    // overtaken: better than the baseline at the bottom tier, and its gain is smaller than the
    // baseline's (the advantage shrinks: the harness × tier interaction).
    const baseline = options.baselineHarness;
    const baseEnd = ends.get(baseline);
    const baseGain = gains.get(baseline);
    if (harness !== baseline && baseEnd?.ok && baseGain && baseGain.from === gain.from && baseGain.to === gain.to) {
      const bottomAdvantage = difference(end.bottom.taskValues, baseEnd.bottom.taskValues);
      finish({
        kind: "overtaken",
        suite,
        harness,
        other: baseline,
        claim: `better than ${baseline} at ${gain.from}, and the advantage shrinks by ${gain.to}`,
        parts: [
          make(
            `${harness} > ${baseline} at ${gain.from}`,
            bottomAdvantage,
            "greater",
            0,
            binaryPair(end.bottom.taskValues, baseEnd.bottom.taskValues),
          ),
          make(`gain of ${harness} < gain of ${baseline}`, subtract(gain.values, baseGain.values), "less", 0, false),
        ],
        margin: null,
        facts: { fromTier: gain.from, toTier: gain.to },
      });
    }

    // dominated: at the top tier a harness that costs at most dominatedCostRatio as much is at
    // most scoreMargin worse (non-inferiority).
    const ownCost = top.costPerTaskUsd;
    if (ownCost !== null && ownCost > 0) {
      const cheaper = context.harnesses.flatMap((other) => {
        if (other === harness) return [];
        const otherTop = context.tierValues.find(
          (tier) => tier.suite === suite && tier.harness === other && tier.tier === top.tier && tier.mean !== null,
        );
        if (!otherTop || otherTop.costPerTaskUsd === null || otherTop.costPerTaskUsd > dominatedCostRatio * ownCost)
          return [];
        return [{ other, otherTop }];
      });
      if (cheaper.length > 0) {
        const best = bestOf(
          cheaper.map(({ other, otherTop }) => ({
            other,
            parts: [
              make(
                `${other} ≥ ${harness} − ${scoreMargin} at ${top.tier}`,
                difference(otherTop.taskValues, top.taskValues),
                "greater",
                -scoreMargin,
                binaryPair(otherTop.taskValues, top.taskValues),
              ),
            ],
          })),
        );
        const otherTop = cheaper.find((entry) => entry.other === best.other)!.otherTop;
        finish(
          {
            kind: "dominated",
            suite,
            harness,
            other: best.other,
            claim: `${best.other} is at most ${scoreMargin} worse at ${top.tier} at ≤ ${dominatedCostRatio}× the cost`,
            parts: best.parts,
            margin: scoreMargin,
            facts: {
              tier: top.tier,
              costPerTaskUsd: ownCost,
              otherCostPerTaskUsd: otherTop.costPerTaskUsd,
              costRatio: otherTop.costPerTaskUsd! / ownCost,
            },
          },
          [cheaper.length],
        );
      }
    }
  }
  return candidates;
}

/** The candidate whose parts together give the smallest p-value. */
function bestOf<T extends { other: string; parts: ClaimPart[] }>(options: T[]): T {
  let best = options[0]!;
  let bestP = Infinity;
  for (const option of options) {
    const p = Math.max(...option.parts.map((item) => item.test.pValue));
    if (p < bestP) {
      best = option;
      bestP = p;
    }
  }
  return best;
}
