import { formatScore, formatUsd } from "../analysis/format-numbers.js";
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

const tierShapes: Record<string, (x: number, y: number, fill: string) => string> = {
  low: (x, y, fill) => `<rect x="${(x - 4).toFixed(1)}" y="${(y - 4).toFixed(1)}" width="8" height="8" fill="${fill}"`,
  mid: (x, y, fill) =>
    `<polygon points="${x.toFixed(1)},${(y - 5).toFixed(1)} ${(x + 5).toFixed(1)},${(y + 4).toFixed(1)} ${(x - 5).toFixed(1)},${(y + 4).toFixed(1)}" fill="${fill}"`,
  frontier: (x, y, fill) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="5" fill="${fill}"`,
};

/** Score vs cost per task (log scale) for one suite; the per-tier frontier as a dashed line. */
export function renderCostChart(summary: Summary, suite: string): string | null {
  const points = summary.costFrontier.filter((point) => point.suite === suite && point.costPerTaskUsd > 0);
  if (points.length === 0) return null;
  const frame = DEFAULT_FRAME;
  const costs = points.map((point) => point.costPerTaskUsd);
  let minimum = Math.min(...costs) / 1.5;
  let maximum = Math.max(...costs) * 1.5;
  if (maximum / minimum < 4) {
    const centre = Math.sqrt(minimum * maximum);
    minimum = centre / 2;
    maximum = centre * 2;
  }
  const x = createScale(minimum, maximum, frame.left + 10, frame.width - frame.right - 10, "log");
  const y = createScale(0, 1, frame.height - frame.bottom, frame.top);
  let body = "";
  for (const tier of summary.tiers) {
    const frontier = points
      .filter((point) => point.tier === tier && point.onFrontier)
      .sort((a, b) => a.costPerTaskUsd - b.costPerTaskUsd);
    if (frontier.length > 1) {
      body += `<polyline points="${frontier.map((point) => `${x(point.costPerTaskUsd).toFixed(1)},${y(point.score).toFixed(1)}`).join(" ")}" fill="none" stroke="#64748b" stroke-dasharray="4 3" class="frontier"/>`;
    }
  }
  for (const point of points) {
    const color = seriesColor(summary.harnesses.indexOf(point.harness));
    const shape = tierShapes[point.tier] ?? tierShapes.frontier!;
    const label = `${point.harness} · ${point.model} (${point.tier}): ${formatScore(point.score)} at ${formatUsd(point.costPerTaskUsd)} per task${point.onFrontier ? " — on the frontier" : ""}`;
    body += `${shape(x(point.costPerTaskUsd), y(point.score), color)}${point.onFrontier ? ' stroke="#0f172a" stroke-width="1.5"' : ""}><title>${escapeHtml(label)}</title>${point.tier === "frontier" ? "</circle>" : point.tier === "mid" ? "</polygon>" : "</rect>"}`;
  }
  const ticks: { value: number; label: string }[] = [];
  for (let exponent = Math.floor(Math.log10(minimum)); exponent <= Math.ceil(Math.log10(maximum)); exponent++) {
    const value = 10 ** exponent;
    if (value >= minimum && value <= maximum) ticks.push({ value, label: formatUsd(value) });
  }
  if (ticks.length < 2)
    ticks.push({ value: minimum, label: formatUsd(minimum) }, { value: maximum, label: formatUsd(maximum) });
  const harnesses = [...new Set(points.map((point) => point.harness))];
  return (
    svgOpen(frame, `${suite}: score vs cost per task`) +
    yTicks(
      frame,
      [0, 0.25, 0.5, 0.75, 1].map((value) => ({ value, label: value.toFixed(2) })),
      y,
    ) +
    axisLines(frame) +
    xTicks(frame, ticks, x) +
    axisTitles(frame, "cost per task (log; ■ low ▲ mid ● frontier)", "mean score") +
    body +
    legend(
      frame,
      harnesses.map((harness) => ({ label: harness, color: seriesColor(summary.harnesses.indexOf(harness)) })),
    ) +
    "</svg>"
  );
}
