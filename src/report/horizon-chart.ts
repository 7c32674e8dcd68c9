import { formatHorizon } from "../analysis/format-numbers.js";
import type { Summary } from "../analysis/summary-types.js";
import { escapeHtml } from "./html-escape.js";
import {
  DEFAULT_FRAME,
  axisLines,
  axisTitles,
  createScale,
  legend,
  powerOfTwoTicks,
  seriesColor,
  svgOpen,
  xTicks,
  yTicks,
} from "./svg-chart-frame.js";

/**
 * Difficulty horizon (difficulty at 50% success, log scale) by tier for one suite, one line per
 * harness with interval whiskers. Censored horizons are hollow triangles at the edge they are
 * censored at (below the easiest task: bottom; above the hardest: top).
 */
export function renderHorizonChart(summary: Summary, suite: string): string | null {
  const horizons = summary.horizons.filter((entry) => entry.suite === suite);
  const observed = summary.tierValues
    .filter((tier) => tier.suite === suite && tier.horizon !== null)
    .map((tier) => tier.horizon!.observedRange);
  if (horizons.length === 0 || observed.length === 0) return null;
  const frame = DEFAULT_FRAME;
  const minimum = Math.min(...observed.map((range) => range[0])) / 2;
  const maximum = Math.max(...observed.map((range) => range[1])) * 2;
  const clamp = (value: number) => Math.min(maximum, Math.max(minimum, value));
  const tiers = summary.tiers;
  const x = createScale(0, Math.max(1, tiers.length - 1), frame.left + 30, frame.width - frame.right - 30);
  const y = createScale(minimum, maximum, frame.height - frame.bottom, frame.top, "log");
  let body = "";
  for (const horizon of horizons) {
    const color = seriesColor(summary.harnesses.indexOf(horizon.harness));
    const offset = (summary.harnesses.indexOf(horizon.harness) - (summary.harnesses.length - 1) / 2) * 4;
    // Censored horizons sit at the edge they are censored at: below the easiest task at the
    // bottom, above the hardest at the top.
    const place = (value: number | null, censored: "below" | "above" | null) =>
      censored === "below" ? minimum : censored === "above" ? maximum : clamp(value ?? maximum);
    const points = horizon.byTier.map((entry) => ({
      entry,
      px: x(tiers.indexOf(entry.tier)) + offset,
      py: y(place(entry.difficulty, entry.censored)),
    }));
    body += `<polyline points="${points.map((point) => `${point.px.toFixed(1)},${point.py.toFixed(1)}`).join(" ")}" fill="none" stroke="${color}" stroke-width="2" class="series"/>`;
    for (const { entry, px, py } of points) {
      const low = y(entry.ci95[0] === 0 ? minimum : clamp(entry.ci95[0] ?? maximum));
      const high = y(entry.ci95[1] === 0 ? minimum : clamp(entry.ci95[1] ?? maximum));
      body += `<line x1="${px.toFixed(1)}" y1="${low.toFixed(1)}" x2="${px.toFixed(1)}" y2="${high.toFixed(1)}" stroke="${color}" stroke-opacity="0.5"/>`;
      const label = `${horizon.harness} at ${entry.tier}: ${formatHorizon(entry, entry.observedRange)}`;
      if (entry.censored) {
        // A hollow triangle pointing out of the range.
        const tip = entry.censored === "above" ? -6 : 6;
        body += `<polygon class="censored" data-censored="${entry.censored}" points="${px.toFixed(1)},${(py + tip).toFixed(1)} ${(px - 5).toFixed(1)},${(py - tip / 2).toFixed(1)} ${(px + 5).toFixed(1)},${(py - tip / 2).toFixed(1)}" fill="white" stroke="${color}" stroke-width="2"><title>${escapeHtml(label)}</title></polygon>`;
      } else
        body += `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="4" fill="${color}"><title>${escapeHtml(label)}</title></circle>`;
    }
  }
  return (
    svgOpen(frame, `${suite}: difficulty at 50% success by tier`) +
    yTicks(
      frame,
      powerOfTwoTicks(minimum, maximum).filter((tick) => tick.value >= minimum && tick.value <= maximum),
      y,
    ) +
    axisLines(frame) +
    xTicks(
      frame,
      tiers.map((tier, position) => ({ value: position, label: tier })),
      x,
    ) +
    axisTitles(frame, "model tier", "difficulty at 50% (log)") +
    body +
    legend(
      frame,
      horizons.map((entry) => ({ label: entry.harness, color: seriesColor(summary.harnesses.indexOf(entry.harness)) })),
    ) +
    "</svg>"
  );
}
