import type { Summary } from "../analysis/summary-types.js";
import { REPORT_HTML_FILE, REPORT_MARKDOWN_FILE, SUMMARY_FILE, writeReportFile } from "../store/index.js";
import { collectSampleRows, DEFAULT_SAMPLE_ROW_LIMITS } from "./collect-sample-rows.js";
import type { SampleRowLimits } from "./collect-sample-rows.js";
import { renderHtml } from "./render-html.js";
import { renderMarkdown } from "./render-markdown.js";

export interface WriteReportsOptions {
  /** Bounds on the per-sample table and the trajectories embedded in report.html. */
  sampleRows?: Partial<SampleRowLimits>;
}

/**
 * Writes summary.json, report.md and report.html into the run directory (each atomically, through
 * the store: a directory that cannot be written is a UsageError, and the samples stay).
 * report.html streams samples.jsonl once more for its bounded per-sample table.
 */
export async function writeReports(runDir: string, summary: Summary, options: WriteReportsOptions = {}): Promise<void> {
  writeReportFile(runDir, SUMMARY_FILE, `${JSON.stringify(summary, null, 2)}\n`);
  writeReportFile(runDir, REPORT_MARKDOWN_FILE, renderMarkdown(summary));
  const samples = await collectSampleRows(runDir, summary.options.seed, {
    ...DEFAULT_SAMPLE_ROW_LIMITS,
    ...options.sampleRows,
  });
  writeReportFile(runDir, REPORT_HTML_FILE, renderHtml(summary, samples));
}
