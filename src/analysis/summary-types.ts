// The shape of summary.json: what the analysis computes and every report renders.
import type { StopReason, Tier } from "../types.js";

export type EpochReducer = "mean" | "pass@k" | "pass^k";

/** Thresholds of the bottleneck flags. Defaults in DEFAULT_ANALYSIS_OPTIONS (analysis-options.ts). */
export interface FlagThresholds {
  /** Family-wise error rate over every flag test of the run (Holm). */
  alpha: number;
  /** Equivalence margin of "no gain" (`flat`, and the last step of `ceiling`), on the 0–1 score scale. */
  gainMargin: number;
  /** Non-inferiority margin of "as good as" (`dominated`), on the 0–1 score scale. */
  scoreMargin: number;
  /** Share of top-tier failures that must be harness limits for `ceiling`. */
  ceilingLimitShare: number;
  /** `dominated`: the other harness costs at most this fraction of this one. */
  dominatedCostRatio: number;
  /** Power at which minimum detectable effects are stated. */
  power: number;
  /** A cell whose share of errored samples exceeds this is marked error-heavy. */
  errorHeavyShare: number;
}

export interface HorizonOptions {
  /** L2 penalty on the logistic slope (per log2 of difficulty). */
  l2: number;
  /** Bootstrap resamples for the horizon interval (each one is a logistic fit). */
  resamples: number;
}

export interface AnalysisOptions {
  seed: number;
  /** Bootstrap resamples for every interval except the horizon's. */
  resamples: number;
  /** Level of the intervals shown in tables (flags use their own, corrected level). */
  level: number;
  baselineHarness: string;
  reducer: EpochReducer;
  /** k of pass@k and pass^k. */
  k: number;
  thresholds: FlagThresholds;
  horizon: HorizonOptions;
}

export type Interval = [number, number];

export interface FailureAttribution {
  /** Samples that did not pass: harnessLimit + wrongAnswer + error. */
  failures: number;
  /** Scored failures whose stop reason is a harness limit (HARNESS_LIMIT_REASONS). */
  harnessLimit: number;
  /** Scored failures that ended normally (answered, tool_error): the answer was wrong. */
  wrongAnswer: number;
  /** Samples without a score (provider, harness or scorer error). */
  error: number;
  /** Share of failures by category, over all failures. */
  shares: { harnessLimit: number; wrongAnswer: number; error: number };
  /** Failures by stop reason. */
  byStopReason: Partial<Record<StopReason, number>>;
}

export interface CellCost {
  /** False when any sample had no price: the figures below are then null ("no price"). */
  priced: boolean;
  unpricedSamples: number;
  /** List-price cost of every sample, replayed ones included. */
  totalUsd: number | null;
  /** What was paid this time: total minus the calls replayed from the response cache. */
  paidUsd: number | null;
  /** Cost of the calls served from the response cache (not paid this time). */
  replayedUsd: number | null;
  /** Mean cost of one attempt at one task, as billed. */
  perTaskUsd: number | null;
  /**
   * The same at list price: equal to perTaskUsd unless a batch API billed at a discount.
   * Comparisons between harnesses (dominated, the cost frontier) use it, so batch billing of
   * one harness does not tilt them.
   */
  perTaskListUsd: number | null;
  /** Total cost divided by passing samples; null when nothing passed or no price. */
  perSolvedUsd: number | null;
  inputTokens: number;
  outputTokens: number;
  /** Input tokens the provider served from its prompt cache, and wrote to it. */
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** cacheReadTokens ÷ inputTokens: the share of input served from the provider's cache. */
  cacheReadShare: number | null;
}

export interface HorizonFit {
  /** Difficulty at 50% success; null when censored (outside the observed difficulties). */
  difficulty: number | null;
  /**
   * `below`: under half the tasks pass even at the easiest difficulty ("below the easiest task");
   * `above`: over half pass even at the hardest ("above the hardest task"); null: in range.
   */
  censored: "below" | "above" | null;
  /** Bootstrap interval; a bound of 0 is below the easiest task, null above the hardest. */
  ci95: [number | null, number | null];
  /** Logistic slope per doubling of difficulty (negative when harder tasks fail more). */
  slope: number;
  tasks: number;
  /** True when the 50% point lies outside the observed difficulties (then censored is set). */
  extrapolated: boolean;
  observedRange: [number, number];
}

export interface CellSummary {
  suite: string;
  harness: string;
  model: string;
  tier: Tier;
  /** Position on the capability axis: the model's numeric capability, or its tier index. */
  capability: number;
  simulated: boolean;
  /** Tasks with at least one scored sample. */
  tasks: number;
  samples: number;
  errors: number;
  /** errors ÷ samples. */
  errorShare: number;
  /** More errored samples than thresholds.errorHeavyShare: the mean covers only the tasks that did not error. */
  errorHeavy: boolean;
  /** Epochs per task: fewest and most scored samples of a task. */
  epochs: { min: number; max: number };
  /** Mean over tasks of the reduced per-task value (null when nothing was scored). */
  mean: number | null;
  ci95: Interval | null;
  /** Reduced value per task id, for pairing (gate --baseline, compare). */
  taskValues: Record<string, number>;
  passRate: number | null;
  /** pass@k for k = 1, 10, 100 where every task has at least k scored samples. */
  passAtK: Record<string, number>;
  stopReasons: Partial<Record<StopReason, number>>;
  failures: FailureAttribution;
  cost: CellCost;
  latencyMsMean: number | null;
  horizon: HorizonFit | null;
}

export interface TierCoverage {
  /** Models of the tier with at least one scored sample, and those with none. */
  modelsWithData: string[];
  modelsWithoutData: string[];
  /** Tasks scored by every model with data (the tier value's tasks). */
  sharedTasks: number;
  /** Tasks scored by at least one of them. */
  anyTasks: number;
}

export interface TierSummary {
  suite: string;
  harness: string;
  tier: Tier;
  /** The tier's position on the capability axis (tier index, or the mean of its models' capabilities). */
  capability: number;
  models: string[];
  simulated: boolean;
  /** Tasks of the tier value (scored by every model of the tier that has data). */
  tasks: number;
  samples: number;
  errors: number;
  errorHeavy: boolean;
  coverage: TierCoverage;
  mean: number | null;
  ci95: Interval | null;
  /** Per task, the mean over the tier's models (equal weight per model), on the shared tasks only. */
  taskValues: Record<string, number>;
  costPerTaskUsd: number | null;
  /** Scored top-tier failures that are harness limits, as a share of scored failures. */
  harnessLimitShare: number | null;
  horizon: HorizonFit | null;
}

export interface GainSummary {
  suite: string;
  harness: string;
  fromTier: Tier;
  toTier: Tier;
  /** Tasks present at both tiers. */
  tasks: number;
  from: number;
  to: number;
  gain: number;
  ci95: Interval;
  /** Minimum detectable gain at this run's tasks and epochs (two-sided 95%, thresholds.power). */
  mde: number | null;
  /** gain ÷ (1 − from); null without headroom. */
  normalizedGain: number | null;
  /** The 95% interval excludes zero and enough tasks moved (exact bound). */
  significant: boolean;
}

/** A comparison that could not be made because one side has no scored samples. */
export interface MissingComparison {
  suite: string;
  harness: string;
  what: "gain" | "elasticity" | "flags";
  /** e.g. "no scored samples at frontier (32 errors)". */
  reason: string;
}

export interface UpliftEntry {
  /** Tier (tier-index scale) or model (numeric scale). */
  rung: string;
  /** Tasks scored by both harnesses on this rung. */
  tasks: number;
  /** Score of the harness minus the baseline's on this rung. */
  advantage: number;
  /** advantage ÷ the baseline's elasticity: the advantage in capability units (tiers). Null when the baseline does not scale. */
  value: number | null;
  /** Null bounds: unbounded (the baseline's slope is not clearly positive). */
  ci95: [number | null, number | null];
}

export interface ElasticitySummary {
  suite: string;
  harness: string;
  /** Tasks scored at every rung. */
  tasks: number;
  /** Rungs (tier or model) and their capability, least capable first. */
  rungs: { label: string; capability: number }[];
  /** Least-squares slope of score on capability: score per tier (or per capability unit). */
  slope: number;
  ci95: Interval;
  mde: number | null;
  /** Paired difference from the baseline harness's slope, over the tasks both have at every rung. */
  vsBaseline: {
    baseline: string;
    tasks: number;
    difference: number;
    ci95: Interval;
    mde: number | null;
    significant: boolean;
  } | null;
  /** Tier-equivalent uplift over the baseline on each rung. */
  uplift: UpliftEntry[];
}

export interface HorizonGrowth {
  suite: string;
  harness: string;
  byTier: {
    tier: Tier;
    difficulty: number | null;
    censored: "below" | "above" | null;
    ci95: [number | null, number | null];
    extrapolated: boolean;
    observedRange: [number, number];
  }[];
  /** Top-tier horizon ÷ bottom-tier horizon; null unless both are finite estimates in range. */
  growth: number | null;
  /** Why there is no growth figure (e.g. "above the hardest task at frontier"). */
  growthNote: string | null;
  /** True when either end of the growth lies outside the observed difficulties. */
  extrapolated: boolean;
}

export interface CostPoint {
  suite: string;
  tier: Tier;
  harness: string;
  model: string;
  score: number;
  costPerTaskUsd: number;
  onFrontier: boolean;
}

export type FlagKind = "flat" | "ceiling" | "overtaken" | "regressing" | "dominated";

export type FlagVerdict = "flag" | "inconclusive" | "not-supported";

/** One test of a flag's claim: raised, undecided, or not supported by the data. */
export interface FlagTest {
  kind: FlagKind;
  suite: string;
  harness: string;
  /** The harness the claim compares with (the baseline, the one that gains, the cheaper one), if any. */
  other: string | null;
  /** The claim in words, e.g. "gain low→frontier < 0.15". */
  claim: string;
  verdict: FlagVerdict;
  /** One-sided p-value of the claim (intersection-union: the largest of its parts). */
  pValue: number;
  /** Holm-adjusted over every flag test of the run; the flag is raised when ≤ alpha. */
  pAdjusted: number;
  /** The deciding quantity (e.g. the gain), its 95% interval and the tasks it pairs. */
  estimate: number;
  ci95: Interval | null;
  margin: number | null;
  tasks: number;
  method: string;
  /** Minimum detectable effect of the deciding part at the per-test level (alpha ÷ tests) and thresholds.power. */
  mde: number | null;
  /** Tasks at which the observed effect would be detected with thresholds.power; null when it points away. */
  tasksNeeded: number | null;
  /** What, by how much, how sure. */
  message: string;
  /** The likely cause (failure attribution, horizon) and the next step. */
  cause: string | null;
  nextStep: string | null;
  evidence: Record<string, number | string | null>;
  /** An adaptive run (`--adaptive`): when and why the test was settled (docs/statistics.md §12). */
  sequential?: SequentialDecision;
}

/**
 * How a flag test of an adaptive run was settled: `flag` (its group-sequential boundary was
 * crossed), `excluded` (the data exclude the claim), `futile` (the flag could not be reached
 * within the planned tasks), `final` (decided at the planned size), `not-made` (a gated test whose
 * gate never opened while its cells ran), or `open` (the run ended before it was settled).
 */
export interface SequentialDecision {
  outcome: "flag" | "excluded" | "futile" | "final" | "not-made" | "open";
  /** The look it was settled at (1-based), of `looks`. */
  look: number;
  looks: number;
  /** Tasks so far ÷ planned tasks of its suite at that look. */
  informationFraction: number;
  /** Its one-sided p-value at that look, and the nominal level it had to reach. */
  pValue: number | null;
  boundary: number | null;
  /** The share of alpha the test held at that look (alpha ÷ flag tests not yet raised: Holm). */
  alpha: number | null;
  /** Predictive power of reaching the final boundary (futility), when computed. */
  predictivePower: number | null;
  /** Why, in words. */
  reason: string;
  /** Settled before the planned size. */
  early: boolean;
}

/** The looks of an adaptive run and what each settled (summary.json `adaptive`). */
export interface AdaptiveSummary {
  rounds: number;
  looks: number;
  /** The family of flag tests the error is held over (the design's, gated ones included). */
  tests: number;
  alpha: number;
  spending: "obrien-fleming";
  futility: { predictivePower: number; excludedLevel: number };
  /** Settled early, or the planned size was reached; the samples spent against the planned matrix. */
  stoppedEarly: boolean;
  samples: { spent: number; planned: number };
  perLook: { look: number; informationFraction: number; samples: number; settled: string[]; activeCells: number }[];
  /** Cells that stopped before the last round: after which look. */
  stoppedCells: { suite: string; harness: string; model: string; afterLook: number; tasks: number }[];
}

/** A raised flag: a FlagTest whose verdict is "flag". */
export type Flag = FlagTest;

export type RunStatus = "running" | "complete" | "incomplete" | "interrupted" | "partial";

/** A model, tier or harness that produced no scored sample (from run.json). */
export interface NoData {
  kind: "model" | "tier" | "harness";
  name: string;
  samples: number;
  errors: number;
  firstError?: string | undefined;
}

export interface Summary {
  schemaVersion: 1;
  runId: string;
  startedAt: string | null;
  endedAt: string | null;
  /** From run.json: null when unknown (no run.json, or an older one); `noData` says what produced no scored sample. */
  run: { status: RunStatus | null; partialReason: string | null; noData: NoData[] };
  /** True when any model is simulated. */
  simulated: boolean;
  options: AnalysisOptions;
  suites: string[];
  harnesses: string[];
  models: { id: string; tier: Tier; simulated: boolean; capability: number }[];
  /** Tiers least capable first. */
  tiers: Tier[];
  /** The capability axis: tier index (low 0, mid 1, frontier 2) or the models' numeric `capability`. */
  capability: { scale: "tier-index" | "numeric"; unit: string };
  totals: { samples: number; errors: number; skippedLines: number };
  cells: CellSummary[];
  tierValues: TierSummary[];
  gains: GainSummary[];
  elasticity: ElasticitySummary[];
  /** Cells and comparisons without data: said, never substituted. */
  missing: MissingComparison[];
  horizons: HorizonGrowth[];
  costFrontier: CostPoint[];
  /** Every flag test of the run, with its verdict. */
  flagTests: FlagTest[];
  /** The raised flags (flagTests with verdict "flag"). */
  flags: Flag[];
  /** The error control of the flags: alpha over `tests` tests (Holm); MDEs are stated at `perTestAlpha`. */
  power: { alpha: number; tests: number; perTestAlpha: number; power: number };
  notes: string[];
  /** An adaptive run: its looks, what each settled, and the samples it spent (docs/statistics.md §12). */
  adaptive?: AdaptiveSummary;
}
