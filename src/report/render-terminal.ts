import Table from "cli-table3";
import { formatLevel } from "../analysis/format-numbers.js";
import type { Summary } from "../analysis/summary-types.js";
import { modelLabel } from "./model-label.js";
import { cellText, elasticityText, errorNote, gainText, statusBanner } from "./report-text.js";

/**
 * Harness × model (tier) per suite with mean and interval, the gain and the elasticity, then the
 * flags (with cause and next step) and the undecided ones. A run that did not complete says so
 * first and last.
 */
export function renderTerminal(summary: Summary): string {
  const lines: string[] = [];
  const banner = statusBanner(summary);
  if (banner) lines.push(`⛔ ${banner.title.toUpperCase()}: ${banner.text}`);
  for (const suite of summary.suites) {
    const suiteCells = summary.cells.filter((cell) => cell.suite === suite);
    const models = summary.models.filter((model) => suiteCells.some((cell) => cell.model === model.id));
    const table = new Table({
      head: [`${suite}`, ...models.map(modelLabel), "gain (bottom→top)", "elasticity"],
      style: { head: [], border: [] },
    });
    for (const harness of summary.harnesses) {
      const cells = suiteCells.filter((cell) => cell.harness === harness);
      if (cells.length === 0) continue;
      table.push([
        harness,
        ...models.map((model) => {
          const cell = cells.find((entry) => entry.model === model.id);
          if (!cell) return "";
          const note = errorNote(cell);
          return `${cellText(cell)}${note ? `\n${note}` : ""}`;
        }),
        gainText(summary, suite, harness, false),
        elasticityText(summary, suite, harness),
      ]);
    }
    lines.push(table.toString());
  }
  lines.push(
    `mean score over tasks [${formatLevel(summary.options.level)} bootstrap interval]; elasticity = score per ${summary.capability.scale === "numeric" ? "capability unit" : "tier"} (a slope over the rungs, not a curve); ` +
      `${summary.totals.samples} samples, ${summary.totals.errors} errors` +
      (summary.simulated ? "; simulated models say nothing about real models" : ""),
  );
  const inconclusive = summary.flagTests.filter((test) => test.verdict === "inconclusive");
  if (summary.flags.length === 0)
    lines.push(
      `flags: none${banner ? " where data exist" : ""} (${summary.power.tests} flag tests, family-wise α ${summary.power.alpha}${inconclusive.length > 0 ? `; ${inconclusive.length} inconclusive` : ""})`,
    );
  for (const flag of summary.flags) {
    lines.push(`⚑ ${flag.kind}: ${flag.message}`);
    if (flag.cause) lines.push(`  likely cause: ${flag.cause}`);
    if (flag.nextStep) lines.push(`  next: ${flag.nextStep}`);
  }
  for (const test of inconclusive) {
    lines.push(`? ${test.kind} (inconclusive): ${test.message.replace(/^Inconclusive: /, "")}`);
    if (test.cause) lines.push(`  likely cause: ${test.cause}`);
    if (test.nextStep) lines.push(`  next: ${test.nextStep}`);
  }
  if (banner) lines.push(`⛔ ${banner.title.toUpperCase()}: see above.`);
  return lines.join("\n");
}
