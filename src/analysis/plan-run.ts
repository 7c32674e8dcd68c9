// `capbench plan`: the size, calls, tokens, cost and statistical power of a run before anything
// is sent. Pure: the caller resolves the config and loads the suites (src/cli/plan-command.ts),
// and optionally reads a pilot run or the response cache for real token counts and variances.
import type { Price } from "../types.js";
import { studentTQuantile } from "./distributions.js";
import type { CacheUsage } from "./cache-usage.js";
import { ASSUMED_TOKENS_PER_CALL, ASSUMED_VARIANCE, assumedCallsPerSample } from "./plan-assumptions.js";
import { DIRECT_COST, planCost } from "./plan-cost.js";
import type { PlanCostVariant, PlannedTokens } from "./plan-cost.js";
import type { PilotProfile } from "./pilot-profile.js";
import { contrastStandardError, epochsForTarget, tasksForTarget } from "./power.js";
import type { VarianceComponents } from "./power.js";
import type { AnalysisOptions } from "./summary-types.js";

export interface PlanMatrix {
  suites: { name: string; tasks: number; families: number | null }[];
  harnesses: string[];
  models: { id: string; tier: string; price: Price | null; simulated: boolean }[];
  epochs: number;
}

export interface PlanOptions {
  analysis: AnalysisOptions;
  pilot?: PilotProfile | null;
  cache?: CacheUsage | null;
  /** Target minimum detectable effect: how many tasks or epochs reach it. */
  targetMde?: number | null;
  /** Cost variants beside the direct one (issue 14: batch, prompt caching). */
  costVariants?: PlanCostVariant[];
}

export type UsageSource = "pilot" | "pilot (same harness, other model)" | "cache" | "assumed";

export interface PlanCell extends PlannedTokens {
  suite: string;
  harness: string;
  model: string;
  tier: string;
  samples: number;
  /** USD per variant name ("direct" first); null without a price. */
  costUsd: Record<string, number | null>;
  source: UsageSource;
}

export type ComparisonKind = "gain" | "harness" | "interaction";

export interface PlanPower {
  suite: string;
  comparison: ComparisonKind;
  tasks: number;
  epochs: number;
  components: VarianceComponents;
  source: "pilot" | "assumed";
  standardError: number;
  /** Minimum detectable effect of the comparison's 95% interval at thresholds.power. */
  mde: number;
  /** The same at the flags' strictest per-test level (alpha ÷ the most flag tests). */
  flagMde: number;
  target: { mde: number; tasks: number; epochs: number | null; flagTasks: number; flagEpochs: number | null } | null;
}

export interface RunPlan {
  matrix: PlanMatrix & { samples: number };
  cells: PlanCell[];
  totals: PlannedTokens & { samples: number; costUsd: Record<string, number | null>; unpricedModels: string[] };
  variants: string[];
  /** Flag tests the run will make: the fixed ones, and at most this many with the gated ones (ceiling, dominated). */
  flagTests: { least: number; most: number; perTestAlpha: number };
  power: PlanPower[];
  /** Every assumption the plan used, in words. */
  assumptions: string[];
}

const KIND_WORDS: Record<ComparisonKind, string> = {
  gain: "the gain of one harness (top − bottom tier)",
  harness: "two harnesses on one model",
  interaction: "a difference of gains (harness × tier)",
};

export function planRun(matrix: PlanMatrix, options: PlanOptions): RunPlan {
  const variants = [DIRECT_COST, ...(options.costVariants ?? [])];
  const assumptions = new Set<string>();
  const cells: PlanCell[] = [];
  for (const suite of matrix.suites)
    for (const harness of matrix.harnesses)
      for (const model of matrix.models) {
        const samples = suite.tasks * matrix.epochs;
        const { perSample, source } = usagePerSample(harness, model.id, options, assumptions);
        const tokens: PlannedTokens = {
          calls: perSample.calls * samples,
          inputTokens: perSample.inputTokens * samples,
          outputTokens: perSample.outputTokens * samples,
          cacheReadTokens: perSample.cacheReadTokens * samples,
          cacheWriteTokens: perSample.cacheWriteTokens * samples,
        };
        cells.push({
          suite: suite.name,
          harness,
          model: model.id,
          tier: model.tier,
          samples,
          ...tokens,
          costUsd: Object.fromEntries(
            variants.map((variant) => [variant.name, planCost(tokens, model.price, variant)]),
          ),
          source,
        });
      }
  const unpricedModels = matrix.models.filter((model) => model.price === null).map((model) => model.id);
  const sum = (pick: (cell: PlanCell) => number) => cells.reduce((total, cell) => total + pick(cell), 0);
  const totals = {
    samples: sum((cell) => cell.samples),
    calls: sum((cell) => cell.calls),
    inputTokens: sum((cell) => cell.inputTokens),
    outputTokens: sum((cell) => cell.outputTokens),
    cacheReadTokens: sum((cell) => cell.cacheReadTokens),
    cacheWriteTokens: sum((cell) => cell.cacheWriteTokens),
    costUsd: Object.fromEntries(
      variants.map((variant) => [
        variant.name,
        unpricedModels.length > 0 ? null : sum((cell) => cell.costUsd[variant.name] ?? 0),
      ]),
    ),
    unpricedModels,
  };

  const flagTests = countFlagTests(matrix, options.analysis.baselineHarness);
  const { alpha, power: power } = options.analysis.thresholds;
  const perTestAlpha = alpha / Math.max(1, flagTests.most);
  const twoSided = { alpha: (1 - options.analysis.level) / 2, power };
  const flagLevel = { alpha: perTestAlpha, power };
  const multiplier = (level: { alpha: number; power: number }) =>
    studentTQuantile(1 - level.alpha, Infinity) + studentTQuantile(level.power, Infinity);
  const tiers = new Set(matrix.models.map((model) => model.tier)).size;
  const powerRows: PlanPower[] = [];
  for (const suite of matrix.suites) {
    const kinds: ComparisonKind[] = [
      ...(tiers >= 2 ? (["gain"] as const) : []),
      ...(matrix.harnesses.length >= 2 ? (["harness"] as const) : []),
      ...(tiers >= 2 && matrix.harnesses.length >= 2 ? (["interaction"] as const) : []),
    ];
    for (const comparison of kinds) {
      const measured = options.pilot?.variance[comparison];
      const components: VarianceComponents = measured
        ? { betweenTasks: measured.betweenTasks, withinTask: measured.withinTask }
        : ASSUMED_VARIANCE[comparison];
      if (!measured)
        assumptions.add(
          `variance of ${KIND_WORDS[comparison]}: ${components.betweenTasks} between tasks + ${components.withinTask} per epoch (pass/fail scores near 0.5; see docs/statistics.md)`,
        );
      if (measured && options.pilot?.singleEpoch)
        assumptions.add(
          "the pilot has one epoch per task, so its task-to-task variance includes the sampling noise: the plan does not count on more epochs helping",
        );
      const standardError = contrastStandardError(components, suite.tasks, matrix.epochs);
      const target = options.targetMde
        ? {
            mde: options.targetMde,
            tasks: tasksForTarget(components, matrix.epochs, options.targetMde, twoSided),
            epochs: epochsForTarget(components, suite.tasks, options.targetMde, twoSided),
            flagTasks: tasksForTarget(components, matrix.epochs, options.targetMde, flagLevel),
            flagEpochs: epochsForTarget(components, suite.tasks, options.targetMde, flagLevel),
          }
        : null;
      powerRows.push({
        suite: suite.name,
        comparison,
        tasks: suite.tasks,
        epochs: matrix.epochs,
        components,
        source: measured ? "pilot" : "assumed",
        standardError,
        mde: multiplier(twoSided) * standardError,
        flagMde: multiplier(flagLevel) * standardError,
        target,
      });
    }
    if (suite.families !== null)
      assumptions.add(
        `${suite.name}: tasks come in ${suite.families} families; the run resamples families, so its intervals can be wider than these MDEs, which assume independent tasks`,
      );
  }
  return {
    matrix: { ...matrix, samples: totals.samples },
    cells,
    totals,
    variants: variants.map((variant) => variant.name),
    flagTests: { ...flagTests, perTestAlpha },
    power: powerRows,
    assumptions: [...assumptions],
  };
}

function usagePerSample(
  harness: string,
  model: string,
  options: PlanOptions,
  assumptions: Set<string>,
): { perSample: PlannedTokens; source: UsageSource } {
  const fromPilot = options.pilot?.usage.get(`${harness}\u0000${model}`);
  if (fromPilot) return { perSample: fromPilot, source: "pilot" };
  const sameHarness = options.pilot?.usageByHarness.get(harness);
  if (sameHarness) return { perSample: sameHarness, source: "pilot (same harness, other model)" };
  const calls = assumedCallsPerSample(harness);
  assumptions.add(`${harness}: ${calls} model call${calls === 1 ? "" : "s"} per sample (assumed)`);
  const cached = options.cache ? (options.cache.byModel.get(model) ?? options.cache) : null;
  if (cached) {
    assumptions.add(
      `tokens per call from the response cache (${options.cache!.entries} entries${options.cache!.truncated ? ", a sample of them" : ""}${options.cache!.byModel.has(model) ? "" : ", pooled over models"})`,
    );
    return {
      perSample: {
        calls,
        inputTokens: cached.inputTokens * calls,
        outputTokens: cached.outputTokens * calls,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      },
      source: "cache",
    };
  }
  assumptions.add(
    `${ASSUMED_TOKENS_PER_CALL.input} input and ${ASSUMED_TOKENS_PER_CALL.output} output tokens per call (assumed; a pilot run gives real numbers)`,
  );
  return {
    perSample: {
      calls,
      inputTokens: ASSUMED_TOKENS_PER_CALL.input * calls,
      outputTokens: ASSUMED_TOKENS_PER_CALL.output * calls,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    },
    source: "assumed",
  };
}

/** The flag tests a run of this design makes (detect-flags.ts): the fixed ones, and the most with the gated ones. */
export function countFlagTests(matrix: PlanMatrix, baseline: string): { least: number; most: number } {
  const tiers = new Set(matrix.models.map((model) => model.tier)).size;
  if (tiers < 2) return { least: 0, most: 0 };
  const harnesses = matrix.harnesses.length;
  const fixed =
    harnesses + // regressing
    (harnesses >= 2 ? harnesses : 0) + // flat
    (matrix.harnesses.includes(baseline) ? harnesses - 1 : 0); // overtaken
  const gated = harnesses >= 2 ? 2 * harnesses : 0; // ceiling, dominated
  return { least: fixed * matrix.suites.length, most: (fixed + gated) * matrix.suites.length };
}
