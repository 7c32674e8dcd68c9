import { join } from "node:path";
import { parseAnalysisOptions, resolveAnalysisOptions } from "./analysis-options.js";
import { readRunInfo } from "./read-run-info.js";
import { readRunJsonExtras } from "./run-json-extras.js";
import { readSamples } from "./read-samples.js";
import type { ReadSamplesStats } from "./read-samples.js";
import { summarizeSamples } from "./summarize-samples.js";
import type { AnalysisOptionsInput } from "./analysis-options.js";
import type { Summary } from "./summary-types.js";

/**
 * The analysis of a results directory: streams `samples.jsonl` (memory follows cells × tasks,
 * not samples) and reads `run.json`. Options: defaults, then run.json's seed and
 * `config.analysis`, then `options`.
 */
export async function summarizeRun(runDir: string, options?: AnalysisOptionsInput): Promise<Summary> {
  const [runInfo, extras] = await Promise.all([readRunInfo(runDir), readRunJsonExtras(runDir)]);
  const resolved = resolveAnalysisOptions(
    runInfo.seed === undefined ? undefined : { seed: runInfo.seed },
    parseAnalysisOptions(runInfo.analysis, join(runDir, "run.json"), "config.analysis"),
    options,
  );
  const stats: ReadSamplesStats = { skippedLines: 0 };
  const summary = await summarizeSamples(
    readSamples(runDir, stats),
    {
      ...runInfo,
      models: extras.models.length > 0 ? extras.models : runInfo.models,
      status: extras.status,
      partialReason: extras.partialReason,
      source: join(runDir, "run.json"),
    },
    resolved,
  );
  summary.totals.skippedLines = stats.skippedLines;
  return summary;
}
