// Capability elasticity, the headline number: per harness, the least-squares slope of score on
// capability (score per tier, or per unit of the models' numeric capability). The slope is
// linear in the scores, so it is the mean over tasks of each task's own slope: the task
// bootstrap, the paired difference from the baseline harness and its test all work on those
// per-task slopes. With three equally spaced rungs the slope is (top − bottom) / 2: three rungs
// give a slope, not a curve.
import type { CapabilityScale } from "./capability-scale.js";
import { pairedTest } from "./paired-test.js";
import { minimumDetectableEffect } from "./power.js";
import { countPresent, meanOf, subtract, vectorOf } from "./task-vectors.js";
import type { TaskIndex } from "./task-vectors.js";
import type {
  AnalysisOptions,
  CellSummary,
  ElasticitySummary,
  MissingComparison,
  TierSummary,
  UpliftEntry,
} from "./summary-types.js";

export interface Rung {
  label: string;
  capability: number;
  taskValues: Readonly<Record<string, number>>;
}

export interface ElasticityDraft {
  summary: ElasticitySummary;
  slopes: Float64Array;
  baselineDifferences: Float64Array | null;
  /** Per uplift entry: the per-task advantages (numerator); the denominator is the baseline's slopes. */
  uplift: { entry: UpliftEntry; advantages: Float64Array }[];
  baselineSlopes: Float64Array | null;
}

/** The rungs of one (suite, harness): tiers on the tier-index scale, models on a numeric one. */
export function rungsOf(
  suite: string,
  harness: string,
  scale: CapabilityScale,
  tierValues: readonly TierSummary[],
  cells: readonly CellSummary[],
): Rung[] {
  if (scale.scale === "tier-index")
    return tierValues
      .filter((tier) => tier.suite === suite && tier.harness === harness && tier.mean !== null)
      .map((tier) => ({ label: tier.tier, capability: tier.capability, taskValues: tier.taskValues }));
  return cells
    .filter((cell) => cell.suite === suite && cell.harness === harness && cell.mean !== null)
    .map((cell) => ({ label: cell.model, capability: cell.capability, taskValues: cell.taskValues }))
    .sort((a, b) => a.capability - b.capability);
}

/** Per-task least-squares slopes over the tasks present at every rung (NaN elsewhere). */
export function perTaskSlopes(rungs: readonly Rung[], index: TaskIndex): Float64Array {
  const slopes = new Float64Array(index.taskIds.length).fill(Number.NaN);
  if (rungs.length < 2) return slopes;
  const mean = rungs.reduce((sum, rung) => sum + rung.capability, 0) / rungs.length;
  const spread = rungs.reduce((sum, rung) => sum + (rung.capability - mean) ** 2, 0);
  if (!(spread > 0)) return slopes;
  slopes.fill(0);
  for (const rung of rungs) {
    const weight = (rung.capability - mean) / spread;
    const values = vectorOf(index, rung.taskValues);
    // NaN (a task missing at this rung) propagates: the task has no slope.
    for (let at = 0; at < slopes.length; at++) slopes[at]! += weight * values[at]!;
  }
  return slopes;
}

/** Elasticity per (suite, harness), its difference from the baseline and the uplift; intervals filled later. */
export function capabilityElasticity(
  pairs: readonly { suite: string; harness: string }[],
  context: {
    scale: CapabilityScale;
    tierValues: readonly TierSummary[];
    cells: readonly CellSummary[];
    options: AnalysisOptions;
    indexOf: (suite: string) => TaskIndex;
  },
): { drafts: ElasticityDraft[]; missing: MissingComparison[] } {
  const { scale, options } = context;
  const level = { alpha: (1 - options.level) / 2, power: options.thresholds.power };
  const span = [Math.min(...scale.byModel.values()), Math.max(...scale.byModel.values())];
  const missing: MissingComparison[] = [];
  const byPair = new Map<string, { rungs: Rung[]; slopes: Float64Array }>();
  for (const { suite, harness } of pairs) {
    const rungs = rungsOf(suite, harness, scale, context.tierValues, context.cells);
    const capabilities = rungs.map((rung) => rung.capability);
    const covers =
      rungs.length >= 2 && Math.min(...capabilities) <= span[0]! + 1e-9 && Math.max(...capabilities) >= span[1]! - 1e-9;
    // Tier-index: every tier's rung sits at its index, so the ends are the run's lowest and highest tiers.
    const endsPresent =
      scale.scale === "tier-index"
        ? rungs.length >= 2 &&
          rungs[0]!.label === scale.tierOrder[0] &&
          rungs[rungs.length - 1]!.label === scale.tierOrder[scale.tierOrder.length - 1]
        : covers;
    if (!endsPresent) {
      const present = new Set(rungs.map((rung) => rung.label));
      const absent =
        scale.scale === "tier-index"
          ? scale.tierOrder.filter((tier) => !present.has(tier))
          : [...scale.byModel.keys()].filter((model) => !present.has(model));
      missing.push({
        suite,
        harness,
        what: "elasticity",
        reason:
          scale.tierOrder.length < 2 && scale.scale === "tier-index"
            ? "one tier: a slope needs two rungs"
            : `no scored samples at ${absent.join(", ") || "an end of the capability range"}`,
      });
      continue;
    }
    const slopes = perTaskSlopes(rungs, context.indexOf(suite));
    if (countPresent(slopes) === 0) {
      missing.push({ suite, harness, what: "elasticity", reason: "no task scored at every rung" });
      continue;
    }
    byPair.set(`${suite}\u0000${harness}`, { rungs, slopes });
  }

  const drafts: ElasticityDraft[] = [];
  for (const { suite, harness } of pairs) {
    const own = byPair.get(`${suite}\u0000${harness}`);
    if (!own) continue;
    const index = context.indexOf(suite);
    const slope = meanOf(own.slopes);
    const slopeTest = pairedTest({ values: own.slopes, claim: "greater", boundary: 0, binary: false });
    const baselineName = options.baselineHarness;
    const base = harness === baselineName ? undefined : byPair.get(`${suite}\u0000${baselineName}`);
    let vsBaseline: ElasticitySummary["vsBaseline"] = null;
    let baselineDifferences: Float64Array | null = null;
    const uplift: ElasticityDraft["uplift"] = [];
    if (base) {
      baselineDifferences = subtract(own.slopes, base.slopes);
      const tasks = countPresent(baselineDifferences);
      if (tasks > 0) {
        const difference = meanOf(baselineDifferences);
        const test = pairedTest({
          values: baselineDifferences,
          claim: difference < 0 ? "less" : "greater",
          boundary: 0,
          binary: false,
        });
        vsBaseline = {
          baseline: baselineName,
          tasks,
          difference,
          ci95: [difference, difference],
          mde: minimumDetectableEffect(test.standardError, level, test.df),
          significant: test.pValue <= level.alpha,
        };
      } else baselineDifferences = null;
      const baseSlope = meanOf(base.slopes);
      for (const rung of own.rungs) {
        const baseRung = base.rungs.find((entry) => entry.label === rung.label);
        if (!baseRung) continue;
        const advantages = subtract(vectorOf(index, rung.taskValues), vectorOf(index, baseRung.taskValues));
        const tasks = countPresent(advantages);
        if (tasks === 0) continue;
        const advantage = meanOf(advantages);
        uplift.push({
          advantages,
          entry: {
            rung: rung.label,
            tasks,
            advantage,
            value: baseSlope > 0 ? advantage / baseSlope : null,
            ci95: [null, null],
          },
        });
      }
    }
    drafts.push({
      slopes: own.slopes,
      baselineDifferences,
      baselineSlopes: base ? base.slopes : null,
      uplift,
      summary: {
        suite,
        harness,
        tasks: countPresent(own.slopes),
        rungs: own.rungs.map((rung) => ({ label: rung.label, capability: rung.capability })),
        slope,
        ci95: [slope, slope],
        mde: minimumDetectableEffect(slopeTest.standardError, level, slopeTest.df),
        vsBaseline,
        uplift: uplift.map((item) => item.entry),
      },
    });
  }
  return { drafts, missing };
}
