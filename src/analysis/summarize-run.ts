import { basename, join } from "node:path";
import { emptyReadStats, readRunInfo, readSamples, RUN_FILE } from "../store/index.js";
import { parseAnalysisOptions, resolveAnalysisOptions } from "./analysis-options.js";
import { summarizeSamples } from "./summarize-samples.js";
import type { AnalysisOptionsInput } from "./analysis-options.js";
import type { Summary } from "./summary-types.js";

/**
 * The analysis of a results directory: streams `samples.jsonl` (memory follows cells × tasks,
 * not samples) and reads `run.json`, both through the store. Options: defaults, then run.json's
 * seed and `config.analysis`, then `options`.
 */
export async function summarizeRun(runDir: string, options?: AnalysisOptionsInput): Promise<Summary> {
  const info = readRunInfo(runDir);
  const config = info?.config;
  const resolved = resolveAnalysisOptions(
    config?.seed === undefined ? undefined : { seed: config.seed },
    parseAnalysisOptions(config?.analysis, join(runDir, RUN_FILE), "config.analysis"),
    options,
  );
  const runInfo = {
    runId: info?.runId ?? basename(runDir),
    startedAt: info?.startedAt ?? null,
    endedAt: info?.endedAt ?? null,
    // With each model's optional numeric capability (the elasticity's axis when every model has one).
    models: (config?.models ?? []).map((model) => ({
      id: model.id,
      tier: model.tier,
      ...(typeof model.capability === "number" && Number.isFinite(model.capability)
        ? { capability: model.capability }
        : {}),
    })),
    // For the reports: a run that is partial or incomplete says so everywhere.
    status: info?.status ?? null,
    partialReason: info?.partialReason ?? null,
    noData: info?.noData ?? [],
    source: join(runDir, RUN_FILE),
  };
  const stats = emptyReadStats();
  const summary = await summarizeSamples(readSamples(runDir, { stats, whenMissing: "error" }), runInfo, resolved);
  summary.totals.skippedLines = stats.skippedLines;
  if (stats.duplicates > 0)
    summary.notes.push(
      `${stats.duplicates} duplicate sample line${stats.duplicates === 1 ? " was" : "s were"} ignored (written twice by an older capbench).`,
    );
  return summary;
}
