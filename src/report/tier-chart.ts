import { formatInterval, formatScore } from "../analysis/format-numbers.js";
import type { Summary } from "../analysis/summary-types.js";
import { escapeHtml } from "./html-escape.js";
import {
  DEFAULT_FRAME,
  axisLines,
  axisTitles,
  createScale,
  legend,
  seriesColor,
  svgOpen,
  xTicks,
  yTicks,
} from "./svg-chart-frame.js";

/** Score vs tier for one suite: one line per harness, its interval as a band. */
export function renderTierChart(summary: Summary, suite: string): string {
  const frame = DEFAULT_FRAME;
  const tiers = summary.tiers;
  const x = createScale(0, Math.max(1, tiers.length - 1), frame.left + 30, frame.width - frame.right - 30);
  const y = createScale(0, 1, frame.height - frame.bottom, frame.top);
  const harnesses = summary.harnesses.filter((harness) =>
    summary.tierValues.some((tier) => tier.suite === suite && tier.harness === harness),
  );
  // "(simulated)" only where true: a real model's tier is never labelled simulated.
  const suiteTiers = summary.tierValues.filter((tier) => tier.suite === suite);
  const simulated = suiteTiers.length > 0 && suiteTiers.every((tier) => tier.simulated);
  const tierSimulated = (tier: string) => {
    const entries = suiteTiers.filter((entry) => entry.tier === tier);
    return entries.length > 0 && entries.every((entry) => entry.simulated);
  };
  let body = "";
  for (const harness of harnesses) {
    const color = seriesColor(summary.harnesses.indexOf(harness));
    const points = tiers
      .map((tier, position) => ({
        position,
        value: summary.tierValues.find(
          (entry) => entry.suite === suite && entry.harness === harness && entry.tier === tier,
        ),
      }))
      .filter((point) => point.value && point.value.mean !== null && point.value.ci95 !== null);
    if (points.length === 0) continue;
    const upper = points.map((point) => `${x(point.position).toFixed(1)},${y(point.value!.ci95![1]).toFixed(1)}`);
    const lower = points
      .map((point) => `${x(point.position).toFixed(1)},${y(point.value!.ci95![0]).toFixed(1)}`)
      .reverse();
    body += `<polygon points="${[...upper, ...lower].join(" ")}" fill="${color}" fill-opacity="0.15" stroke="none" class="band"/>`;
    body += `<polyline points="${points.map((point) => `${x(point.position).toFixed(1)},${y(point.value!.mean!).toFixed(1)}`).join(" ")}" fill="none" stroke="${color}" stroke-width="2.5" class="series" data-harness="${escapeHtml(harness)}"/>`;
    for (const point of points) {
      const tooltip = `${harness} at ${point.value!.tier}: ${formatScore(point.value!.mean)} ${formatInterval(point.value!.ci95)}`;
      body += `<circle cx="${x(point.position).toFixed(1)}" cy="${y(point.value!.mean!).toFixed(1)}" r="4" fill="${color}"><title>${escapeHtml(tooltip)}</title></circle>`;
    }
  }
  const tierTicks = tiers.map((tier, position) => ({
    value: position,
    label: !simulated && tierSimulated(tier) ? `${tier} (sim)` : tier,
  }));
  const scoreTicks = [0, 0.25, 0.5, 0.75, 1].map((value) => ({ value, label: value.toFixed(2) }));
  return (
    svgOpen(frame, `${suite}: score by model tier${simulated ? " (simulated models)" : ""}`) +
    yTicks(frame, scoreTicks, y) +
    axisLines(frame) +
    xTicks(frame, tierTicks, x) +
    axisTitles(frame, `model tier${simulated ? " (simulated)" : ""}`, "mean score") +
    body +
    legend(
      frame,
      harnesses.map((harness) => ({ label: harness, color: seriesColor(summary.harnesses.indexOf(harness)) })),
    ) +
    "</svg>"
  );
}
