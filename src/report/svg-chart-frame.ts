// Minimal inline-SVG plotting helpers: linear/log scales, axes and a legend. Hand-written so the
// report works offline with no library and no script.
import { escapeHtml } from "./html-escape.js";

export const SERIES_COLORS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"];

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}

export interface ChartFrame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const DEFAULT_FRAME: ChartFrame = { width: 560, height: 320, left: 56, right: 150, top: 24, bottom: 48 };

export function plotWidth(frame: ChartFrame): number {
  return frame.width - frame.left - frame.right;
}

export function plotHeight(frame: ChartFrame): number {
  return frame.height - frame.top - frame.bottom;
}

/** Maps a value in [min, max] to pixels; `log` uses log2. */
export function createScale(
  min: number,
  max: number,
  from: number,
  to: number,
  kind: "linear" | "log" = "linear",
): (value: number) => number {
  const transform = kind === "log" ? Math.log2 : (value: number) => value;
  const low = transform(min);
  const high = transform(max);
  const span = high - low || 1;
  return (value) => from + ((transform(value) - low) / span) * (to - from);
}

export function svgOpen(frame: ChartFrame, title: string): string {
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${frame.width} ${frame.height}" width="${frame.width}" height="${frame.height}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(title)}</title>`;
}

export function axisLines(frame: ChartFrame): string {
  const x0 = frame.left;
  const y0 = frame.height - frame.bottom;
  return `<line x1="${x0}" y1="${frame.top}" x2="${x0}" y2="${y0}" class="axis"/><line x1="${x0}" y1="${y0}" x2="${frame.width - frame.right}" y2="${y0}" class="axis"/>`;
}

export function yTicks(
  frame: ChartFrame,
  ticks: { value: number; label: string }[],
  scale: (value: number) => number,
): string {
  return ticks
    .map(({ value, label }) => {
      const y = scale(value).toFixed(1);
      return `<line x1="${frame.left}" y1="${y}" x2="${frame.width - frame.right}" y2="${y}" class="grid"/><text x="${frame.left - 6}" y="${y}" class="tick" text-anchor="end" dominant-baseline="middle">${escapeHtml(label)}</text>`;
    })
    .join("");
}

export function xTicks(
  frame: ChartFrame,
  ticks: { value: number; label: string }[],
  scale: (value: number) => number,
): string {
  const y = frame.height - frame.bottom;
  return ticks
    .map(({ value, label }) => {
      const x = scale(value).toFixed(1);
      return `<line x1="${x}" y1="${y}" x2="${x}" y2="${y + 4}" class="axis"/><text x="${x}" y="${y + 16}" class="tick" text-anchor="middle">${escapeHtml(label)}</text>`;
    })
    .join("");
}

export function axisTitles(frame: ChartFrame, xTitle: string, yTitle: string): string {
  const xMid = frame.left + plotWidth(frame) / 2;
  const yMid = frame.top + plotHeight(frame) / 2;
  return (
    `<text x="${xMid}" y="${frame.height - 8}" class="axis-title" text-anchor="middle">${escapeHtml(xTitle)}</text>` +
    `<text x="14" y="${yMid}" class="axis-title" text-anchor="middle" transform="rotate(-90 14 ${yMid})">${escapeHtml(yTitle)}</text>`
  );
}

export function legend(frame: ChartFrame, entries: { label: string; color: string }[]): string {
  const x = frame.width - frame.right + 14;
  return entries
    .map(({ label, color }, index) => {
      const y = frame.top + 8 + index * 18;
      return `<rect x="${x}" y="${y - 5}" width="12" height="10" fill="${color}"/><text x="${x + 18}" y="${y}" class="legend" dominant-baseline="middle">${escapeHtml(label)}</text>`;
    })
    .join("");
}

/** Log2 ticks between min and max (powers of two). */
export function powerOfTwoTicks(min: number, max: number): { value: number; label: string }[] {
  const ticks: { value: number; label: string }[] = [];
  const first = Math.floor(Math.log2(min));
  const last = Math.ceil(Math.log2(max));
  const step = Math.max(1, Math.ceil((last - first) / 8));
  for (let exponent = first; exponent <= last; exponent += step) {
    const value = 2 ** exponent;
    ticks.push({ value, label: value >= 1 ? String(value) : `1/${2 ** -exponent}` });
  }
  return ticks;
}
