// The likely cause behind a flag, from what the run recorded besides the scores: how the
// harness's failures end at the top tier (failure attribution) and whether its difficulty
// horizon moves with the tier. Each cause comes with the next step it suggests.
import { HARNESS_LIMIT_REASONS } from "../types.js";
import type { StopReason } from "../types.js";
import { formatDifficulty, formatPercent } from "./format-numbers.js";
import type { CellSummary, HorizonGrowth } from "./summary-types.js";

/** Units of the built-in suites' difficulty (anything else is "difficulty"). */
const difficultyUnits: Record<string, string> = {
  arith: "steps",
  multihop: "hops",
  haystack: "tokens of context",
};

export function difficultyUnit(suite: string): string {
  return difficultyUnits[suite] ?? "difficulty";
}

export interface Cause {
  cause: string;
  nextStep: string;
}

const limitAdvice: Partial<Record<StopReason, string>> = {
  max_turns: "raise the turn limit (--max-turns or the harness's maxTurns) or make each turn do more",
  token_budget: "raise the token budget (limits.maxTokens) or compact the context (agent[context=compact])",
  cost_budget: "raise the per-sample cost limit (limits.maxCostUsd)",
  context_overflow: "keep the context small: agent[context=compact], summarize or offload",
  timeout: "raise the per-sample time limit (--timeout)",
  parse_error: "make the answer format easier to produce, or the parser more lenient",
};

/** Failures at one tier of a (suite, harness): harness-limit share and the leading stop reasons. */
export function failureProfile(cells: readonly CellSummary[], suite: string, harness: string, tier: string) {
  const counts = new Map<StopReason, number>();
  let scoredFailures = 0;
  let limits = 0;
  let errors = 0;
  for (const cell of cells) {
    if (cell.suite !== suite || cell.harness !== harness || cell.tier !== tier) continue;
    scoredFailures += cell.failures.harnessLimit + cell.failures.wrongAnswer;
    limits += cell.failures.harnessLimit;
    errors += cell.failures.error;
    for (const reason of HARNESS_LIMIT_REASONS)
      counts.set(reason, (counts.get(reason) ?? 0) + (cell.failures.byStopReason[reason] ?? 0));
  }
  const reasons = [...counts].filter(([, count]) => count > 0).sort((a, b) => b[1] - a[1]);
  return {
    scoredFailures,
    limitShare: scoredFailures > 0 ? limits / scoredFailures : 0,
    reasons: reasons.map(([reason, count]) => ({ reason, share: scoredFailures > 0 ? count / scoredFailures : 0 })),
    errors,
  };
}

/** "its horizon stays at 3.4 hops from low to frontier (×1.0), matching its k=3", or null. */
export function fixedReach(horizon: HorizonGrowth | undefined, harness: string, suite: string): string | null {
  if (!horizon || horizon.byTier.length < 2) return null;
  const first = horizon.byTier[0]!;
  const last = horizon.byTier[horizon.byTier.length - 1]!;
  if (horizon.growth === null || first.difficulty === null || last.difficulty === null) return null;
  if (horizon.growth > 1.3) return null;
  const unit = difficultyUnit(suite);
  const level = last.difficulty;
  const option = numericOptions(harness).find(([, value]) => Math.abs(value - level) / level <= 0.35);
  return (
    `its difficulty horizon stays at ${formatDifficulty(level)} ${unit} from ${first.tier} to ${last.tier} (×${horizon.growth.toFixed(1)}): a fixed reach` +
    (option
      ? `, matching its ${option[0]}=${option[1]}${countNames[option[0]] ? ` ${countNames[option[0]]}` : ""}`
      : ", as a fixed number of steps or retrievals gives")
  );
}

/**
 * Fixed counts of the built-in harnesses when the label does not set them (mirrors the defaults
 * in harnesses/workflow-harness.ts; the registry does not expose option defaults yet).
 */
const builtinFixedCounts: Record<string, [string, number][]> = { workflow: [["k", 3]] };
const countNames: Record<string, string> = { k: "retrieval rounds" };

/** Numeric variant options of a harness label (`workflow[k=3,read=1]` → [["k", 3], ["read", 1]]), built-in defaults included. */
export function numericOptions(harness: string): [string, number][] {
  const match = /^([^[]+)(?:\[(.*)\])?$/.exec(harness);
  const given = (match?.[2] ?? "").split(",").flatMap((pair) => {
    const [key, value] = pair.split("=");
    const number = Number(value);
    return key && value !== undefined && value !== "" && Number.isFinite(number)
      ? [[key.trim(), number] as [string, number]]
      : [];
  });
  const defaults = (builtinFixedCounts[match?.[1] ?? ""] ?? []).filter(
    ([key]) => !given.some(([name]) => name === key),
  );
  return [...given, ...defaults];
}

/** Cause and next step of a harness that stops gaining (flat, ceiling, regressing). */
export function scalingCause(
  context: { cells: readonly CellSummary[]; horizon: HorizonGrowth | undefined },
  suite: string,
  harness: string,
  topTier: string,
): Cause {
  const profile = failureProfile(context.cells, suite, harness, topTier);
  const reach = fixedReach(context.horizon, harness, suite);
  const leading = profile.reasons[0];
  if (profile.limitShare > 0.5 && leading) {
    const list = profile.reasons
      .slice(0, 3)
      .map((entry) => `${entry.reason} ${formatPercent(entry.share)}`)
      .join(", ");
    return {
      cause: `${formatPercent(profile.limitShare)} of its ${topTier} failures are harness limits (${list})${reach ? `; ${reach}` : ""}`,
      nextStep: `${limitAdvice[leading.reason] ?? "loosen the harness's limits"}, then re-run ${topTier}`,
    };
  }
  if (reach)
    return {
      cause: reach,
      nextStep: `let the model choose how many steps or lookups to take (e.g. the agent harness), or raise the fixed count${
        numericOptions(harness).length > 0 ? "" : " (e.g. workflow[k=…])"
      }`,
    };
  return {
    cause:
      profile.scoredFailures > 0
        ? `${formatPercent(1 - profile.limitShare)} of its ${topTier} failures are wrong answers, not harness limits`
        : `no failure at ${topTier} explains it`,
    nextStep: `read the failing ${topTier} trajectories in report.html (Samples, filter: failures) for what the stronger model is kept from doing`,
  };
}
