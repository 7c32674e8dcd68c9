// The shape of summary.json: what the analysis computes and every report renders.
import type { StopReason, Tier } from "../types.js";

export type EpochReducer = "mean" | "pass@k" | "pass^k";

/** Thresholds of the bottleneck flags. Defaults in DEFAULT_ANALYSIS_OPTIONS (analysis-options.ts). */
export interface FlagThresholds {
  /** Family-wise error rate per suite; split over the suite's harnesses (Bonferroni). */
  alpha: number;
  /** A gain below this floor counts as no gain (flat), even when significant. */
  gainFloor: number;
  /** Share of top-tier failures that must be harness limits for `ceiling`. */
  ceilingLimitShare: number;
  /** `dominated`: the other harness costs at most this fraction of this one. */
  dominatedCostRatio: number;
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
  totalUsd: number | null;
  /** Mean cost of one attempt at one task. */
  perTaskUsd: number | null;
  /** Total cost divided by passing samples; null when nothing passed or no price. */
  perSolvedUsd: number | null;
  inputTokens: number;
  outputTokens: number;
}

export interface HorizonFit {
  /** Difficulty at 50% success; null when success does not fall with difficulty. */
  difficulty: number | null;
  /** Bootstrap interval; null means unbounded above (∞). */
  ci95: [number | null, number | null];
  /** Logistic slope per doubling of difficulty (negative when harder tasks fail more). */
  slope: number;
  tasks: number;
  /** True when the 50% point lies outside the observed difficulties. */
  extrapolated: boolean;
  observedRange: [number, number];
}

export interface CellSummary {
  suite: string;
  harness: string;
  model: string;
  tier: Tier;
  simulated: boolean;
  /** Tasks with at least one scored sample. */
  tasks: number;
  samples: number;
  errors: number;
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

export interface TierSummary {
  suite: string;
  harness: string;
  tier: Tier;
  models: string[];
  simulated: boolean;
  tasks: number;
  mean: number | null;
  ci95: Interval | null;
  /** Per task, the mean over the tier's models. */
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
  /** gain ÷ (1 − from); null without headroom. */
  normalizedGain: number | null;
  significant: boolean;
}

export interface HorizonGrowth {
  suite: string;
  harness: string;
  byTier: { tier: Tier; difficulty: number | null; ci95: [number | null, number | null]; extrapolated: boolean }[];
  /** Top-tier horizon ÷ bottom-tier horizon; null when either is missing. */
  growth: number | null;
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

export interface Flag {
  kind: FlagKind;
  suite: string;
  harness: string;
  /** One sentence with the numbers that triggered the flag. */
  message: string;
  /** The numbers behind the message. */
  evidence: Record<string, number | string | null>;
}

export interface Summary {
  schemaVersion: 1;
  runId: string;
  startedAt: string | null;
  endedAt: string | null;
  /** True when any model is simulated. */
  simulated: boolean;
  options: AnalysisOptions;
  suites: string[];
  harnesses: string[];
  models: { id: string; tier: Tier; simulated: boolean }[];
  tiers: Tier[];
  totals: { samples: number; errors: number; skippedLines: number };
  cells: CellSummary[];
  tierValues: TierSummary[];
  gains: GainSummary[];
  horizons: HorizonGrowth[];
  costFrontier: CostPoint[];
  flags: Flag[];
  notes: string[];
}
