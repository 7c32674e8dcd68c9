// Texts every report shares, so the terminal table, report.md and report.html say the same
// thing the same way: cells without data, gains and elasticities with their intervals and
// MDE, the run's status, and cost paid vs replayed.
import { formatInterval, formatScore, formatSigned, formatUsd } from "../analysis/format-numbers.js";
import type { CellSummary, ElasticitySummary, Summary, TierSummary } from "../analysis/summary-types.js";

/** "0.42 [0.21, 0.63]", or "no data (12 errors)"; error-heavy cells say so. */
export function cellText(cell: Pick<CellSummary, "mean" | "ci95" | "errors" | "errorHeavy" | "samples">): string {
  if (cell.mean === null)
    return cell.errors > 0 ? `no data (${cell.errors} error${cell.errors === 1 ? "" : "s"})` : "no data";
  return `${formatScore(cell.mean)} ${formatInterval(cell.ci95)}`;
}

/** "12 errors (error-heavy: the mean covers only the tasks that did not error)" or "". */
export function errorNote(cell: Pick<CellSummary, "mean" | "errors" | "errorHeavy">): string {
  if (cell.mean === null || cell.errors === 0) return "";
  return `${cell.errors} error${cell.errors === 1 ? "" : "s"}${cell.errorHeavy ? " (error-heavy)" : ""}`;
}

export function tierText(tier: TierSummary | undefined): string {
  if (!tier) return "";
  return cellText({ ...tier, mean: tier.mean, ci95: tier.ci95 });
}

/** "+0.50 [+0.34, +0.69]" with "n.s." and the MDE, or why there is no gain. */
export function gainText(summary: Summary, suite: string, harness: string, withMde = true): string {
  const gain = summary.gains.find((entry) => entry.suite === suite && entry.harness === harness);
  if (!gain) {
    const missing = summary.missing.find(
      (entry) => entry.suite === suite && entry.harness === harness && entry.what === "gain",
    );
    return missing ? missing.reason : "";
  }
  return (
    `${formatSigned(gain.gain)} [${formatSigned(gain.ci95[0])}, ${formatSigned(gain.ci95[1])}]${gain.significant ? "" : " n.s."}` +
    (withMde && gain.mde !== null ? ` (MDE ${gain.mde.toFixed(2)})` : "")
  );
}

export function elasticityOf(summary: Summary, suite: string, harness: string): ElasticitySummary | undefined {
  return summary.elasticity.find((entry) => entry.suite === suite && entry.harness === harness);
}

/** "+0.25/tier [+0.17, +0.34]", or why there is none. */
export function elasticityText(summary: Summary, suite: string, harness: string): string {
  const entry = elasticityOf(summary, suite, harness);
  if (!entry) {
    const missing = summary.missing.find(
      (item) => item.suite === suite && item.harness === harness && item.what === "elasticity",
    );
    return missing ? missing.reason : "";
  }
  return `${formatSigned(entry.slope)}/${unitShort(summary)} [${formatSigned(entry.ci95[0])}, ${formatSigned(entry.ci95[1])}]`;
}

export function unitShort(summary: Summary): string {
  return summary.capability.scale === "numeric" ? "unit" : "tier";
}

/** "+0.7 tier on mid" per rung, with intervals; the advantage in score when the baseline does not scale. */
export function upliftText(summary: Summary, entry: ElasticitySummary): string {
  if (entry.uplift.length === 0) return "";
  const unit = summary.capability.scale === "numeric" ? "capability units" : "tiers";
  return entry.uplift
    .map((item) => {
      if (item.value === null)
        return `${item.rung}: ${formatSigned(item.advantage)} score (the baseline does not rise)`;
      const bound = (value: number | null) => (value === null ? "?" : formatSigned(value, 1));
      return `${item.rung}: ${formatSigned(item.value, 1)} ${unit} [${bound(item.ci95[0])}, ${bound(item.ci95[1])}]`;
    })
    .join("; ");
}

export interface StatusBanner {
  level: "error" | "warning";
  title: string;
  text: string;
}

/** Cells of the run that have no scored sample, as "suite / harness / model (N errors)". */
export function cellsWithoutData(summary: Summary): string[] {
  return summary.cells
    .filter((cell) => cell.mean === null)
    .map(
      (cell) => `${cell.suite} / ${cell.harness} / ${cell.model} (${cell.errors} error${cell.errors === 1 ? "" : "s"})`,
    );
}

/** The banner a run that did not complete (or has cells without data) carries in every report; null for a complete run. */
export function statusBanner(summary: Summary): StatusBanner | null {
  const status = summary.run?.status ?? null;
  // What run.json says produced no data (with its first error), else the cells without a score.
  const recorded = summary.run?.noData ?? [];
  const noData = recorded.map(
    (entry) => `${entry.kind} ${entry.name} (${entry.errors} of ${entry.samples} samples errored)`,
  );
  const firstError = recorded.find((entry) => entry.firstError)?.firstError;
  const empty = noData.length > 0 ? noData : cellsWithoutData(summary);
  const emptyText =
    empty.length > 0
      ? ` No scored samples for ${empty.length > 4 ? `${empty.slice(0, 4).join("; ")} and ${empty.length - 4} more` : empty.join("; ")}.` +
        (firstError ? ` First error: ${firstError}` : "")
      : "";
  switch (status) {
    case "incomplete":
      return {
        level: "error",
        title: "Incomplete run",
        text: `A model, tier or harness produced no data; the results cover only what ran and flags are computed only where data exist.${emptyText}`,
      };
    case "partial":
      return {
        level: "error",
        title: "Partial run",
        text: `Not every planned sample ran${summary.run.partialReason ? ` (${summary.run.partialReason})` : ""}; the results cover only what ran.${emptyText}`,
      };
    case "interrupted":
      return {
        level: "error",
        title: "Interrupted run",
        text: `The run was stopped before it finished; finish it with capbench run --resume DIR.${emptyText}`,
      };
    case "running":
      return {
        level: "error",
        title: "Unfinished run",
        text: `run.json says the run is still running (or it stopped without recording why).${emptyText}`,
      };
    default:
      return empty.length > 0 ? { level: "error", title: "Cells without data", text: emptyText.trim() } : null;
  }
}

/** Paid vs replayed from the response cache over the whole run; null when any cell has no price. */
export function costTotals(summary: Summary): { total: number; paid: number; replayed: number } | null {
  if (summary.cells.length === 0 || summary.cells.some((cell) => !cell.cost.priced)) return null;
  let total = 0;
  let paid = 0;
  let replayed = 0;
  for (const cell of summary.cells) {
    total += cell.cost.totalUsd ?? 0;
    paid += cell.cost.paidUsd ?? 0;
    replayed += cell.cost.replayedUsd ?? 0;
  }
  return { total, paid, replayed };
}

export function costTotalsText(summary: Summary): string {
  const totals = costTotals(summary);
  if (!totals) {
    const unpriced = [...new Set(summary.cells.filter((cell) => !cell.cost.priced).map((cell) => cell.model))];
    return `Cost: no price for ${unpriced.join(", ") || "these models"} (set models[].price).`;
  }
  return `Cost: ${formatUsd(totals.paid)} paid, ${formatUsd(totals.replayed)} replayed from the response cache (list price ${formatUsd(totals.total)}).`;
}

/** A tier header: "frontier" or "low (simulated)" — only when every model of the tier is simulated. */
export function tierHeader(summary: Summary, suite: string, tier: string): string {
  const entries = summary.tierValues.filter((entry) => entry.suite === suite && entry.tier === tier);
  return `${tier}${entries.length > 0 && entries.every((entry) => entry.simulated) ? " (simulated)" : ""}`;
}
