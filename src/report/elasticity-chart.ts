import { formatSigned } from "../analysis/format-numbers.js";
import type { Summary } from "../analysis/summary-types.js";
import { escapeHtml } from "./html-escape.js";
import { seriesColor, svgOpen } from "./svg-chart-frame.js";

/**
 * Capability elasticity of one suite as a forest plot: one row per harness, the slope (score per
 * tier, or per capability unit) as a dot with its interval as a bar, zero marked. Harnesses
 * without an elasticity get a row saying why.
 */
export function renderElasticityChart(summary: Summary, suite: string): string | null {
  const harnesses = summary.harnesses.filter((harness) =>
    summary.tierValues.some((tier) => tier.suite === suite && tier.harness === harness),
  );
  const entries = summary.elasticity.filter((entry) => entry.suite === suite);
  if (entries.length === 0) return null;
  const rowHeight = 30;
  const left = 150;
  const right = 30;
  const top = 16;
  const bottom = 44;
  const width = 560;
  const height = top + bottom + rowHeight * harnesses.length;
  const values = entries.flatMap((entry) => [entry.ci95[0], entry.ci95[1], entry.slope]);
  let minimum = Math.min(0, ...values);
  let maximum = Math.max(0, ...values);
  const pad = Math.max(0.05, (maximum - minimum) * 0.08);
  minimum -= pad;
  maximum += pad;
  const x = (value: number) => left + ((value - minimum) / (maximum - minimum)) * (width - left - right);
  const unit = summary.capability.scale === "numeric" ? "capability unit" : "tier";
  let body = `<line x1="${x(0).toFixed(1)}" y1="${top}" x2="${x(0).toFixed(1)}" y2="${height - bottom}" class="axis zero"/>`;
  for (const tick of niceTicks(minimum, maximum)) {
    const px = x(tick).toFixed(1);
    body += `<line x1="${px}" y1="${top}" x2="${px}" y2="${height - bottom}" class="grid"/><text x="${px}" y="${height - bottom + 16}" class="tick" text-anchor="middle">${escapeHtml(formatSigned(tick))}</text>`;
  }
  harnesses.forEach((harness, row) => {
    const y = top + rowHeight * row + rowHeight / 2;
    const color = seriesColor(summary.harnesses.indexOf(harness));
    body += `<text x="${left - 8}" y="${y}" class="legend" text-anchor="end" dominant-baseline="middle">${escapeHtml(harness)}</text>`;
    const entry = entries.find((item) => item.harness === harness);
    if (!entry) {
      const reason =
        summary.missing.find((item) => item.suite === suite && item.harness === harness && item.what === "elasticity")
          ?.reason ?? "no elasticity";
      body += `<text x="${left + 4}" y="${y}" class="tick missing" dominant-baseline="middle">${escapeHtml(reason)}</text>`;
      return;
    }
    const label = `${harness}: ${formatSigned(entry.slope)} per ${unit} [${formatSigned(entry.ci95[0])}, ${formatSigned(entry.ci95[1])}] over ${entry.tasks} tasks`;
    body += `<g class="elasticity" data-harness="${escapeHtml(harness)}"><title>${escapeHtml(label)}</title>`;
    body += `<line x1="${x(entry.ci95[0]).toFixed(1)}" y1="${y}" x2="${x(entry.ci95[1]).toFixed(1)}" y2="${y}" stroke="${color}" stroke-width="3" class="interval"/>`;
    body += `<circle cx="${x(entry.slope).toFixed(1)}" cy="${y}" r="5" fill="${color}" class="estimate"/></g>`;
  });
  const title = `${suite}: capability elasticity (score per ${unit})`;
  return (
    svgOpen({ width, height, left, right, top, bottom }, title) +
    body +
    `<text x="${left + (width - left - right) / 2}" y="${height - 8}" class="axis-title" text-anchor="middle">${escapeHtml(`score gained per ${unit} (${Math.round(summary.options.level * 100)}% interval)`)}</text>` +
    "</svg>"
  );
}

function niceTicks(minimum: number, maximum: number): number[] {
  const span = maximum - minimum;
  const raw = span / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= raw)!;
  const ticks: number[] = [];
  for (let value = Math.ceil(minimum / step) * step; value <= maximum + 1e-12; value += step)
    ticks.push(Math.abs(value) < 1e-12 ? 0 : value);
  return ticks;
}
