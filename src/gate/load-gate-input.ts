import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Summary } from "../analysis/summary-types.js";
import { UsageError } from "../errors.js";
import type { RunInfo } from "../store/run-store.js";

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
  const summaryFile = path.join(target, "summary.json");
  const samplesFile = path.join(target, "samples.jsonl");
  const info = readRunJson(target, what);
  if (
    existsSync(summaryFile) &&
    (!existsSync(samplesFile) || statSync(summaryFile).mtimeMs >= statSync(samplesFile).mtimeMs)
  ) {
    return { summary: readSummaryFile(summaryFile, what), info, dir: target };
  }
  if (!existsSync(samplesFile))
    throw new UsageError(
      `${what} ${target}: neither summary.json nor samples.jsonl there; is this a capbench results directory?`,
    );
  const { summarizeRun } = await import("../analysis/summarize-run.js");
  return { summary: await summarizeRun(target), info, dir: target };
}

function readSummaryFile(file: string, what: string): Summary {
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

function readRunJson(dir: string, what: string): RunInfo | null {
  const file = path.join(dir, "run.json");
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as RunInfo;
  } catch (error) {
    throw new UsageError(`${what} ${file}: not valid JSON (${(error as Error).message})`);
  }
}
