import { existsSync, statSync } from "node:fs";
import type { Summary } from "../analysis/summary-types.js";
import { UsageError } from "../errors.js";
import { hasSamples, readCurrentSummary, readRunInfo, readSummaryFile, type RunInfo } from "../store/index.js";

export interface GateInput {
  summary: Summary;
  /** Null when a summary.json file was given instead of a results directory. */
  info: RunInfo | null;
  /** The results directory, or null for a bare summary.json. */
  dir: string | null;
}

/**
 * A results directory (its summary.json, recomputed from samples.jsonl when missing or older)
 * or a summary.json file. `what` names the input in messages, e.g. `--baseline`.
 */
export async function loadGateInput(target: string, what: string): Promise<GateInput> {
  if (!existsSync(target)) throw new UsageError(`${what} ${target}: not found`);
  if (statSync(target).isFile()) return { summary: readSummaryFile(target, what), info: null, dir: null };
  const info = readRunInfo(target);
  const current = readCurrentSummary(target, what);
  if (current) return { summary: current, info, dir: target };
  if (!hasSamples(target))
    throw new UsageError(
      `${what} ${target}: neither summary.json nor samples.jsonl there; is this a capbench results directory?`,
    );
  const { summarizeRun } = await import("../analysis/summarize-run.js");
  return { summary: await summarizeRun(target), info, dir: target };
}
