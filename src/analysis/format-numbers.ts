// Number formatting shared by flag sentences and reports.

const minus = "\u2212";

export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(2);
}

export function formatSigned(value: number, digits = 2): string {
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return `±${text}`;
  return value < 0 ? `${minus}${text}` : `+${text}`;
}

/** "95% CI −0.04…+0.06" */
export function formatSignedInterval(interval: readonly [number, number], level: number): string {
  return `${formatLevel(level)} CI ${formatSigned(interval[0])}…${formatSigned(interval[1])}`;
}

export function formatInterval(interval: readonly [number, number] | null): string {
  if (!interval) return "";
  return `[${interval[0].toFixed(2)}, ${interval[1].toFixed(2)}]`;
}

export function formatLevel(level: number): string {
  const percent = level * 100;
  return `${Number.isInteger(percent) ? percent.toFixed(0) : Number(percent.toFixed(1)).toString()}%`;
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Unknown prices are "no price", never $0.00. */
export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "no price";
  if (value === 0) return "$0";
  if (Math.abs(value) >= 1) return `$${value.toFixed(2)}`;
  return `$${value.toPrecision(2)}`;
}

export function formatDifficulty(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return value >= 100 ? value.toFixed(0) : Number(value.toPrecision(3)).toString();
}

/** A horizon interval; null bounds are unbounded above. */
export function formatHorizonInterval(interval: readonly [number | null, number | null]): string {
  const bound = (value: number | null) => (value === null ? "∞" : formatDifficulty(value));
  return `[${bound(interval[0])}, ${bound(interval[1])}]`;
}
