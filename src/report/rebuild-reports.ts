import { summarizeRun } from "../analysis/summarize-run.js";
import type { AnalysisOptionsInput } from "../analysis/analysis-options.js";
import type { Summary } from "../analysis/summary-types.js";
import { writeReports } from "./write-reports.js";
import type { WriteReportsOptions } from "./write-reports.js";

export interface RebuildReportsOptions extends WriteReportsOptions {
  analysis?: AnalysisOptionsInput;
}

/** `capbench report DIR`: recomputes the analysis from samples.jsonl and rewrites every report. */
export async function rebuildReports(runDir: string, options: RebuildReportsOptions = {}): Promise<Summary> {
  const summary = await summarizeRun(runDir, options.analysis);
  await writeReports(runDir, summary, options);
  return summary;
}
