import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Summary } from "../analysis/summary-types.js";
import { UsageError } from "../errors.js";
import { REPORT_MARKDOWN_FILE, SAMPLES_FILE, SUMMARY_FILE } from "./layout.js";

/** A summary.json file, checked to be one. `what` names the input in messages (e.g. `--baseline`). */
export function readSummaryFile(file: string, what: string): Summary {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${what} ${file}: not valid JSON (${(error as Error).message})`);
  }
  const summary = parsed as Partial<Summary> | null;
  if (
    !summary ||
    summary.schemaVersion !== 1 ||
    !Array.isArray(summary.cells) ||
    !Array.isArray(summary.tierValues) ||
    !summary.options
  ) {
    throw new UsageError(
      `${what} ${file}: not a capbench summary.json (schemaVersion 1 with cells, tierValues, options)`,
    );
  }
  return summary as Summary;
}

/**
 * The summary.json of a results directory when it is current (no older than samples.jsonl);
 * null when it is missing or stale, so the caller recomputes it.
 */
export function readCurrentSummary(dir: string, what: string): Summary | null {
  const summaryFile = path.join(dir, SUMMARY_FILE);
  const samplesFile = path.join(dir, SAMPLES_FILE);
  if (!existsSync(summaryFile)) return null;
  if (existsSync(samplesFile) && statSync(summaryFile).mtimeMs < statSync(samplesFile).mtimeMs) return null;
  return readSummaryFile(summaryFile, what);
}

/** Whether the directory has samples to analyse. */
export function hasSamples(dir: string): boolean {
  return existsSync(path.join(dir, SAMPLES_FILE));
}

/** report.md of a results directory, or null when it has none. */
export function readReportMarkdown(dir: string): string | null {
  try {
    return readFileSync(path.join(dir, REPORT_MARKDOWN_FILE), "utf8");
  } catch {
    return null;
  }
}
