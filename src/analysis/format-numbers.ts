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
/** A share as a percentage, or "—" when there is none (e.g. a cell with no input tokens). */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? "—" : formatPercent(share);
}

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

/** A horizon interval: 0 is below the easiest task ("<"), null above the hardest (">"). */
export function formatHorizonInterval(
  interval: readonly [number | null, number | null],
  observedRange?: readonly [number, number],
): string {
  const bound = (value: number | null) =>
    value === null
      ? `>${observedRange ? formatDifficulty(observedRange[1]) : "max"}`
      : value === 0
        ? `<${observedRange ? formatDifficulty(observedRange[0]) : "min"}`
        : formatDifficulty(value);
  return `[${bound(interval[0])}, ${bound(interval[1])}]`;
}

/** "p=0.012", "p<0.001". */
export function formatP(value: number): string {
  if (!Number.isFinite(value)) return "p=–";
  if (value < 0.001) return "p<0.001";
  if (value >= 0.1) return `p=${value.toFixed(2)}`;
  return `p=${Number(value.toPrecision(2))}`;
}

/** A count of tasks, rounded up to a readable size ("about 180 tasks"). */
export function formatTaskCount(value: number): string {
  if (value >= 100_000) return "more than 100,000";
  const rounded =
    value < 100 ? Math.ceil(value / 5) * 5 : value < 1000 ? Math.ceil(value / 10) * 10 : Math.ceil(value / 100) * 100;
  return String(rounded).replace(/\B(?=(\d{3})+$)/g, ",");
}

/** A horizon value, or where it is censored. */
export function formatHorizon(
  entry: { difficulty: number | null; censored: "below" | "above" | null },
  observedRange?: readonly [number, number],
): string {
  if (entry.censored === "below")
    return `below the easiest task${observedRange ? ` (${formatDifficulty(observedRange[0])})` : ""}`;
  if (entry.censored === "above")
    return `above the hardest task${observedRange ? ` (${formatDifficulty(observedRange[1])})` : ""}`;
  return formatDifficulty(entry.difficulty);
}
