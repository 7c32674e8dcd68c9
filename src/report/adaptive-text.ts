import { formatPercent } from "../analysis/format-numbers.js";
import type { FlagTest, Summary } from "../analysis/summary-types.js";

export interface AdaptiveReport {
  /** One line: rounds, looks, samples spent, why it ended. */
  headline: string;
  /** One line per flag test settled before the planned size: which, at which look, why. */
  early: string[];
  /** The cells that stopped early, grouped by look. */
  cells: string[];
}

/** What an adaptive run's reports say about its looks; null for a fixed-size run. */
export function adaptiveReport(summary: Summary): AdaptiveReport | null {
  const adaptive = summary.adaptive;
  if (!adaptive) return null;
  const { spent, planned } = adaptive.samples;
  const share = planned > 0 ? formatPercent(spent / planned) : "–";
  const ended = adaptive.stoppedEarly
    ? adaptive.looks < adaptive.rounds
      ? `every flag test settled at look ${adaptive.looks} of ${adaptive.rounds}`
      : `the planned size was reached for the cells an unsettled test read; the others stopped early`
    : adaptive.looks < adaptive.rounds
      ? `the run stopped at look ${adaptive.looks} of ${adaptive.rounds} before its tests settled`
      : "the planned size was reached";
  const partial =
    summary.run?.status === "partial" && summary.run.partialReason === "adaptive-stop"
      ? " The run is partial by design (adaptive stop), not a failure."
      : "";
  const headline =
    `Adaptive run: ${adaptive.rounds} rounds of tasks in a seeded order, a look after each; ${ended}. ` +
    `${spent} of ${planned} planned samples spent (${share}). Flags are held at a family-wise α of ${adaptive.alpha} over ` +
    `${adaptive.tests} flag tests (O'Brien–Fleming-type alpha spending, Holm); a test stops for "no flag" only when futile ` +
    `(predictive power under ${formatPercent(adaptive.futility.predictivePower)}) or when the data exclude its claim.${partial}`;
  const early = summary.flagTests
    .filter((test) => test.sequential?.early && test.sequential.outcome !== "open")
    .map((test) => `${label(test)}: ${test.sequential!.reason}`);
  const byLook = new Map<number, string[]>();
  for (const cell of adaptive.stoppedCells)
    byLook.set(cell.afterLook, [
      ...(byLook.get(cell.afterLook) ?? []),
      `${cell.suite} ${cell.harness} on ${cell.model} (${cell.tasks} tasks)`,
    ]);
  const cells = [...byLook].map(
    ([look, names]) =>
      `stopped after look ${look}: ${names.length > 6 ? `${names.slice(0, 6).join("; ")} and ${names.length - 6} more` : names.join("; ")}`,
  );
  return { headline, early, cells };
}

function label(test: FlagTest): string {
  const verdict = test.verdict === "flag" ? "flag" : test.verdict;
  return `${test.kind} ${test.harness} on ${test.suite} (${verdict})`;
}
