// One sentence per flag test a person can act on: what, by how much, how sure (the 95% interval
// and the Holm-adjusted p-value), and for raised or undecided flags the likely cause and the
// next step.
import { scalingCause } from "./flag-causes.js";
import type { FlagCandidate } from "./flag-candidates.js";
import {
  formatP,
  formatPercent,
  formatScore,
  formatSigned,
  formatSignedInterval,
  formatTaskCount,
  formatUsd,
} from "./format-numbers.js";
import type { CellSummary, FlagVerdict, HorizonGrowth, Interval, TierSummary } from "./summary-types.js";

export interface SentenceContext {
  verdict: FlagVerdict;
  pAdjusted: number;
  tests: number;
  alpha: number;
  /** 95% intervals of the candidate's parts (null when not bootstrapped). */
  intervals: (Interval | null)[];
  mde: number | null;
  tasksNeeded: number | null;
  decisive: number;
  cells: readonly CellSummary[];
  tierValues: readonly TierSummary[];
  horizon: HorizonGrowth | undefined;
}

export interface Sentence {
  message: string;
  cause: string | null;
  nextStep: string | null;
}

export function flagSentence(candidate: FlagCandidate, context: SentenceContext): Sentence {
  const { harness, suite, parts } = candidate;
  const estimate = (index: number) => parts[index]!.test.estimate;
  const withInterval = (index: number) => {
    const interval = context.intervals[index];
    return `${formatSigned(estimate(index))}${interval ? `, ${formatSignedInterval(interval, 0.95)}` : ""}`;
  };
  /** "+0.58 more (95% CI +0.38…+0.75)" */
  const more = (index: number, word: string) => {
    const interval = context.intervals[index];
    return `${formatSigned(estimate(index))} ${word}${interval ? ` (${formatSignedInterval(interval, 0.95)})` : ""}`;
  };
  const tasks = parts[0]!.test.tasks;
  const sure = `${formatP(context.pAdjusted)} after Holm over ${context.tests} flag test${context.tests === 1 ? "" : "s"}`;
  const fromTier = String(candidate.facts.fromTier ?? "");
  const toTier = String(candidate.facts.toTier ?? candidate.facts.tier ?? "");
  let what: string;
  switch (candidate.kind) {
    case "regressing":
      what = `${harness} on ${suite} gets worse with a better model: gain ${fromTier}→${toTier} ${withInterval(0)} over ${tasks} tasks`;
      break;
    case "flat":
      what =
        `${harness} on ${suite} does not convert capability into score: gain ${fromTier}→${toTier} ${withInterval(0)} over ${tasks} tasks, ` +
        `under the ${candidate.margin} margin, while ${candidate.other} gains ${formatSigned(estimate(2))}, ${more(1, "more")}, ` +
        `and ends ${formatSigned(estimate(3))} higher at ${toTier}`;
      break;
    case "ceiling":
      what =
        `${harness} on ${suite} stops improving at the top: step ${fromTier}→${toTier} ${withInterval(0)} over ${tasks} tasks, under the ${candidate.margin} margin, ` +
        `while ${candidate.other} scores ${more(1, `more at ${toTier}`)}`;
      break;
    case "overtaken":
      what =
        `${harness} on ${suite} helps weak models more than strong ones: ${more(0, `over ${candidate.other} at ${fromTier}`)}, ` +
        `but its gain to ${toTier} is ${more(1, `against ${candidate.other}'s`)}`;
      break;
    case "dominated":
      what =
        `${harness} on ${suite} is dominated at ${toTier}: ${candidate.other} scores ${more(0, "against it")}, at most ${candidate.margin} worse, ` +
        `at ${formatPercent(Number(candidate.facts.costRatio))} of the cost (${formatUsd(Number(candidate.facts.otherCostPerTaskUsd))} vs ${formatUsd(Number(candidate.facts.costPerTaskUsd))} per task)`;
      break;
  }
  if (context.verdict === "not-supported")
    return {
      message: `${candidate.claim}: not supported (${formatP(context.pAdjusted)}).`,
      cause: null,
      nextStep: null,
    };
  const cause = causeOf(candidate, context);
  if (context.verdict === "flag")
    return { message: `${what} (${sure}).`, cause: cause.cause, nextStep: cause.nextStep };
  // Inconclusive: the estimates point to the claim, the evidence is not enough after correction.
  const decisive = parts[context.decisive]!;
  const need =
    context.tasksNeeded !== null
      ? `about ${formatTaskCount(context.tasksNeeded)} tasks would decide it`
      : "more tasks or epochs would decide it";
  return {
    message:
      `Inconclusive: ${what}; the data cannot decide "${decisive.name}" (${sure}; needs ≤ ${context.alpha}). ` +
      `Minimum detectable effect at this size: ${context.mde === null ? "–" : context.mde.toFixed(2)}.`,
    cause: cause.cause,
    nextStep: `${need} (capbench plan --target-mde sizes the run)${cause.nextStep ? `; meanwhile ${cause.nextStep}` : ""}`,
  };
}

function causeOf(
  candidate: FlagCandidate,
  context: SentenceContext,
): { cause: string | null; nextStep: string | null } {
  const toTier = String(candidate.facts.toTier ?? candidate.facts.tier ?? "");
  switch (candidate.kind) {
    case "flat":
    case "ceiling":
    case "regressing": {
      const cause = scalingCause(
        { cells: context.cells, horizon: context.horizon },
        candidate.suite,
        candidate.harness,
        toTier,
      );
      if (candidate.kind === "regressing")
        return {
          cause: cause.cause,
          nextStep: `compare trajectories of tasks that pass at ${String(candidate.facts.fromTier)} and fail at ${toTier} (report.html, Samples)`,
        };
      return cause;
    }
    case "overtaken": {
      const topOf = (harness: string | null) =>
        context.tierValues.find(
          (tier) => tier.suite === candidate.suite && tier.harness === harness && tier.tier === toTier,
        )?.mean ?? null;
      const baselineTop = topOf(candidate.other);
      const ownTop = topOf(candidate.harness);
      if (baselineTop !== null && ownTop !== null && Math.max(baselineTop, ownTop) >= 0.9)
        return {
          cause: `at ${toTier} ${candidate.other} already scores ${formatScore(baselineTop)} (${candidate.harness} ${formatScore(ownTop)}): little room is left for any harness to be better, so the advantage may shrink from the ceiling, not from the scaffolding`,
          nextStep: `add harder tasks (a suite where ${toTier} is not near 1) to see whether the advantage returns; until then ${candidate.other} is the simpler choice at ${toTier}`,
        };
      return {
        cause: `its scaffolding adds most where the model is weak; the stronger model needs it less`,
        nextStep: `at ${toTier}, consider ${candidate.other} (simpler), or make the scaffolding optional for strong models`,
      };
    }
    case "dominated":
      return {
        cause: `the extra cost buys no more than ${candidate.margin} of score at ${toTier}`,
        nextStep: `use ${candidate.other} at ${toTier}, or make ${candidate.harness} cheaper (fewer calls or tokens)`,
      };
  }
}
