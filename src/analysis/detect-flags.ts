// The bottleneck flags as tests of positive claims (DESIGN.md, docs/statistics.md): every flag
// test of the run gets a one-sided p-value for its claim (flag-candidates.ts), Holm's procedure
// holds the family-wise error over all of them at alpha, and each test ends with a verdict —
// flag (the data support the claim), inconclusive (they point to it but cannot decide, with the
// minimum detectable effect and the tasks that would decide) or not supported.
import { studentTQuantile } from "./distributions.js";
import { suiteFlagCandidates } from "./flag-candidates.js";
import type { FlagCandidate } from "./flag-candidates.js";
import { flagSentence } from "./flag-sentences.js";
import { holmAdjust } from "./holm.js";
import { minimumDetectableEffect } from "./power.js";
import { SuiteIntervals } from "./suite-intervals.js";
import type { TaskIndex } from "./task-vectors.js";
import type {
  AnalysisOptions,
  CellSummary,
  FlagTest,
  FlagVerdict,
  HorizonGrowth,
  Interval,
  Summary,
  TierSummary,
} from "./summary-types.js";

export interface DetectFlagsInput {
  suites: readonly string[];
  harnessesOf: (suite: string) => string[];
  tierValues: readonly TierSummary[];
  cells: readonly CellSummary[];
  tierOrder: readonly string[];
  horizons: readonly HorizonGrowth[];
  options: AnalysisOptions;
  /** Task index (ids and families) per suite, for cluster-robust tests and the intervals. */
  indexOf: (suite: string) => TaskIndex;
}

export function detectFlags(input: DetectFlagsInput): {
  flagTests: FlagTest[];
  flags: FlagTest[];
  power: Summary["power"];
} {
  const { options } = input;
  const candidates: FlagCandidate[] = [];
  for (const suite of input.suites) {
    candidates.push(
      ...suiteFlagCandidates({
        suite,
        harnesses: input.harnessesOf(suite),
        tierValues: input.tierValues,
        cells: input.cells,
        tierOrder: input.tierOrder,
        options,
        index: input.indexOf(suite),
      }),
    );
  }
  const tests = candidates.length;
  const { alpha, power } = options.thresholds;
  const perTestAlpha = alpha / Math.max(1, tests);
  const adjusted = holmAdjust(candidates.map((candidate) => candidate.pValue));
  // Inconclusive: not raised, but every part's estimate says the claim, by a practical amount
  // where the part has no margin of its own (at least scoreMargin), so noise alone rarely
  // produces one.
  const verdicts: FlagVerdict[] = candidates.map((candidate, index) =>
    adjusted[index]! <= alpha
      ? "flag"
      : candidate.parts.every(
            (part) =>
              onClaimSide(part.test.estimate, part.claim, part.boundary) &&
              (part.boundary !== 0 || Math.abs(part.test.estimate) >= options.thresholds.scoreMargin),
          )
        ? "inconclusive"
        : "not-supported",
  );

  // 95% intervals of every part of the raised and undecided flags, from the suite's joint bootstrap.
  const intervals = candidates.map((candidate) => candidate.parts.map((): Interval | null => null));
  for (const suite of input.suites) {
    const bootstrap = new SuiteIntervals(input.indexOf(suite), {
      seed: options.seed,
      resamples: options.resamples,
      label: `suite\u0000${suite}`,
    });
    candidates.forEach((candidate, index) => {
      if (candidate.suite !== suite || verdicts[index] === "not-supported") return;
      candidate.parts.forEach((part, partIndex) =>
        bootstrap.add({ values: part.values }, (outcome) => {
          intervals[index]![partIndex] = outcome.interval(0.95);
        }),
      );
    });
    bootstrap.run();
  }

  const flagTests = candidates.map((candidate, index): FlagTest => {
    // The deciding part: the one whose (corrected) p-value is the largest.
    const decisive = candidate.partPValues.indexOf(Math.max(...candidate.partPValues));
    const part = candidate.parts[decisive]!;
    const level = { alpha: perTestAlpha, power };
    const mde = minimumDetectableEffect(part.test.standardError, level, part.test.df);
    const distance = part.claim === "less" ? part.boundary - part.test.estimate : part.test.estimate - part.boundary;
    const multiplier = studentTQuantile(1 - perTestAlpha, Infinity) + studentTQuantile(power, Infinity);
    const tasksNeeded =
      distance > 1e-9 && part.test.standardError > 0
        ? Math.ceil(part.test.tasks * ((multiplier * part.test.standardError) / distance) ** 2)
        : null;
    const verdict = verdicts[index]!;
    const sentence = flagSentence(candidate, {
      verdict,
      pAdjusted: adjusted[index]!,
      tests,
      alpha,
      intervals: intervals[index]!,
      mde,
      tasksNeeded,
      decisive,
      cells: input.cells,
      tierValues: input.tierValues,
      horizon: input.horizons.find((entry) => entry.suite === candidate.suite && entry.harness === candidate.harness),
    });
    const evidence: Record<string, number | string | null> = { ...candidate.facts };
    candidate.parts.forEach((item, partIndex) => {
      evidence[`part${partIndex + 1}`] = item.name;
      evidence[`part${partIndex + 1}Estimate`] = item.test.estimate;
      evidence[`part${partIndex + 1}PValue`] = candidate.partPValues[partIndex]!;
      evidence[`part${partIndex + 1}Method`] = item.test.method;
    });
    return {
      kind: candidate.kind,
      suite: candidate.suite,
      harness: candidate.harness,
      other: candidate.other,
      claim: candidate.claim,
      verdict,
      pValue: candidate.pValue,
      pAdjusted: adjusted[index]!,
      estimate: part.test.estimate,
      ci95: intervals[index]![decisive] ?? null,
      margin: candidate.margin,
      tasks: part.test.tasks,
      method: part.test.method,
      mde,
      tasksNeeded: verdict === "flag" ? null : tasksNeeded,
      message: sentence.message,
      cause: sentence.cause,
      nextStep: sentence.nextStep,
      evidence,
    };
  });
  // A harness that significantly regresses is also "flat"; the stronger claim is the one shown.
  const regressing = new Set(
    flagTests.filter((test) => test.kind === "regressing" && test.verdict === "flag").map(keyOf),
  );
  const flags = flagTests.filter(
    (test) => test.verdict === "flag" && !(test.kind === "flat" && regressing.has(keyOf(test))),
  );
  return { flagTests, flags, power: { alpha, tests, perTestAlpha, power } };
}

function keyOf(test: { suite: string; harness: string }): string {
  return `${test.suite}\u0000${test.harness}`;
}

function onClaimSide(estimate: number, claim: "less" | "greater", boundary: number): boolean {
  return claim === "less" ? estimate < boundary : estimate > boundary;
}
