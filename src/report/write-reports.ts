import { rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Summary } from "../analysis/summary-types.js";
import { collectSampleRows, DEFAULT_SAMPLE_ROW_LIMITS } from "./collect-sample-rows.js";
import type { SampleRowLimits } from "./collect-sample-rows.js";
import { renderHtml } from "./render-html.js";
import { renderMarkdown } from "./render-markdown.js";

export interface WriteReportsOptions {
  /** Bounds on the per-sample table and the trajectories embedded in report.html. */
  sampleRows?: Partial<SampleRowLimits>;
}

/**
 * Writes summary.json, report.md and report.html into the run directory (each atomically).
 * report.html streams samples.jsonl once more for its bounded per-sample table.
 */
export async function writeReports(runDir: string, summary: Summary, options: WriteReportsOptions = {}): Promise<void> {
  await writeAtomically(join(runDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  await writeAtomically(join(runDir, "report.md"), renderMarkdown(summary));
  const samples = await collectSampleRows(runDir, summary.options.seed, {
    ...DEFAULT_SAMPLE_ROW_LIMITS,
    ...options.sampleRows,
  });
  await writeAtomically(join(runDir, "report.html"), renderHtml(summary, samples));
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, "utf8");
  await rename(temporary, path);
}
