import Table from "cli-table3";
import { formatLevel, formatScore, formatSigned } from "../analysis/format-numbers.js";
import type { RunComparison } from "./compare-runs.js";

/** The terminal view of `capbench compare`: one row per cell, changes with paired intervals. */
export function renderComparison(comparison: RunComparison): string {
  const table = new Table({
    head: [
      "suite",
      "harness",
      "model (tier)",
      "tasks",
      comparison.before.runId,
      comparison.after.runId,
      `change [${formatLevel(comparison.level)} CI]`,
      "MDE",
      "",
    ],
    style: { head: [], border: [] },
  });
  for (const cell of comparison.cells) {
    table.push([
      cell.suite,
      cell.harness,
      `${cell.model} (${cell.tier}${cell.simulated ? ", simulated" : ""})`,
      String(cell.tasks),
      formatScore(cell.before),
      formatScore(cell.after),
      `${formatSigned(cell.change)} [${formatSigned(cell.ci95[0])}, ${formatSigned(cell.ci95[1])}]`,
      cell.mde === null ? "–" : cell.mde.toFixed(2),
      cell.significant ? (cell.change > 0 ? "better" : "worse") : "",
    ]);
  }
  const lines = [table.toString()];
  const significant = comparison.cells.filter((cell) => cell.significant).length;
  lines.push(
    `${significant} of ${comparison.cells.length} cells changed significantly (paired over shared tasks; with many cells, expect about ${formatLevel(1 - comparison.level)} of unchanged cells to look significant by chance). ` +
      'MDE: the smallest change these tasks detect 80% of the time; a smaller real change can hide in "no change".',
  );
  if (comparison.onlyBefore.length > 0)
    lines.push(`only in ${comparison.before.runId}: ${comparison.onlyBefore.join("; ")}`);
  if (comparison.onlyAfter.length > 0)
    lines.push(`only in ${comparison.after.runId}: ${comparison.onlyAfter.join("; ")}`);
  const gone = comparison.flagsBefore.filter((flag) => !comparison.flagsAfter.includes(flag));
  const added = comparison.flagsAfter.filter((flag) => !comparison.flagsBefore.includes(flag));
  if (added.length > 0) lines.push(`new flags: ${added.join("; ")}`);
  if (gone.length > 0) lines.push(`flags gone: ${gone.join("; ")}`);
  return lines.join("\n");
}
