import Table from "cli-table3";
import { formatInterval, formatScore, formatSigned } from "../analysis/format-numbers.js";
import type { Summary } from "../analysis/summary-types.js";
import { modelLabel } from "./model-label.js";

/** Harness × model (tier) per suite with mean and interval, the gain, and the flags underneath. */
export function renderTerminal(summary: Summary): string {
  const blocks: string[] = [];
  for (const suite of summary.suites) {
    const suiteCells = summary.cells.filter((cell) => cell.suite === suite);
    const models = summary.models.filter((model) => suiteCells.some((cell) => cell.model === model.id));
    const table = new Table({
      head: [`${suite}`, ...models.map(modelLabel), "gain (bottom→top)"],
      style: { head: [], border: [] },
    });
    for (const harness of summary.harnesses) {
      const cells = suiteCells.filter((cell) => cell.harness === harness);
      if (cells.length === 0) continue;
      const gain = summary.gains.find((entry) => entry.suite === suite && entry.harness === harness);
      table.push([
        harness,
        ...models.map((model) => {
          const cell = cells.find((entry) => entry.model === model.id);
          if (!cell) return "";
          const errors = cell.errors > 0 ? `\n${cell.errors} errors` : "";
          return `${formatScore(cell.mean)} ${formatInterval(cell.ci95)}${errors}`;
        }),
        gain ? `${formatSigned(gain.gain)} [${formatSigned(gain.ci95[0])}, ${formatSigned(gain.ci95[1])}]` : "",
      ]);
    }
    blocks.push(table.toString());
  }
  const level = `${Math.round(summary.options.level * 100)}%`;
  const lines = [
    ...blocks,
    `mean score over tasks [${level} bootstrap interval]; ${summary.totals.samples} samples, ${summary.totals.errors} errors` +
      (summary.simulated ? "; simulated models say nothing about real models" : ""),
  ];
  if (summary.flags.length === 0) lines.push("flags: none");
  else for (const flag of summary.flags) lines.push(`⚑ ${flag.kind}: ${flag.message}`);
  return lines.join("\n");
}
