import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../../errors.js";
import { versionInfo } from "../../runner/version-info.js";
import { readSamples } from "../../store/read-samples.js";
import { readRunInfo, SAMPLES_FILE } from "../../store/index.js";
import { readTrace } from "../../store/trace-file.js";
import type { Limits } from "../../types.js";
import { createInspectLogWriter, type ExportCell, type InspectLogWriter } from "./inspect-log-writer.js";

export interface ExportInspectOptions {
  /** The capbench results directory. */
  dir: string;
  /**
   * A directory (one `<suite>_<harness>_<model>.eval` per cell), a `.eval` file (a run with one
   * cell), or a pattern with `{suite}`, `{harness}` and `{model}`.
   */
  out: string;
  cwd?: string;
}

export interface ExportInspectOutcome {
  files: { file: string; suite: string; harness: string; model: string; samples: number }[];
}

/**
 * `capbench export DIR --format inspect`: a results directory as Inspect `.eval` logs. An Inspect
 * log holds one task and one model, so each (suite, harness, model) cell becomes one file.
 * Two passes over samples.jsonl: the first finds the cells, the second streams each sample
 * (and its trace) into its cell's archive.
 */
export async function exportInspectLogs(options: ExportInspectOptions): Promise<ExportInspectOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const dir = path.resolve(cwd, options.dir);
  const samplesFile = path.join(dir, SAMPLES_FILE);
  if (!existsSync(samplesFile))
    throw new UsageError(`${options.dir}: no ${SAMPLES_FILE}; is it a capbench results directory?`);
  const info = readRunInfo(dir);
  const config = (info?.config ?? {}) as Record<string, unknown>;

  const capabilities = new Map<string, number>();
  for (const model of Array.isArray(config.models) ? (config.models as Record<string, unknown>[]) : [])
    if (typeof model?.id === "string" && typeof model.capability === "number")
      capabilities.set(model.id, model.capability);
  const cells = new Map<string, ExportCell & { epochs: number }>();
  for await (const record of readSamples(samplesFile)) {
    const key = cellKey(record);
    const cell = cells.get(key) ?? {
      suite: record.suite,
      harness: record.harness,
      model: record.model,
      tier: record.tier,
      simulated: record.simulated === true,
      ...(capabilities.has(record.model) ? { capability: capabilities.get(record.model)! } : {}),
      epochs: 0,
    };
    cell.epochs = Math.max(cell.epochs, record.epoch + 1);
    cells.set(key, cell);
  }
  if (cells.size === 0) throw new UsageError(`${options.dir}: no samples to export`);
  const files = outputFiles([...cells.values()], path.resolve(cwd, options.out), options.out);

  const run = {
    runId: info?.runId ?? path.basename(dir),
    status: info?.status ?? "complete",
    startedAt: info?.startedAt ?? new Date().toISOString(),
    endedAt: info?.endedAt ?? null,
    limits: (typeof config.limits === "object" && config.limits !== null
      ? config.limits
      : null) as Partial<Limits> | null,
    capbenchVersion: versionInfo().capbench,
  };
  const writers = new Map<string, InspectLogWriter>();
  try {
    for (const [key, cell] of cells)
      writers.set(key, createInspectLogWriter(files.get(key)!, cell, { ...run, epochs: cell.epochs }));
    for await (const record of readSamples(samplesFile)) {
      const trace = record.trace ? (readTrace(dir, record)?.events ?? null) : null;
      writers.get(cellKey(record))!.addSample(record, trace);
    }
    const written: ExportInspectOutcome["files"] = [];
    for (const [key, cell] of cells) {
      const { samples } = writers.get(key)!.finish();
      writers.delete(key);
      written.push({ file: files.get(key)!, suite: cell.suite, harness: cell.harness, model: cell.model, samples });
    }
    return { files: written };
  } finally {
    for (const writer of writers.values()) writer.abort();
  }
}

function cellKey(record: { suite: string; harness: string; model: string }): string {
  return `${record.suite}\u0000${record.harness}\u0000${record.model}`;
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "_";
}

function outputFiles(cells: (ExportCell & { epochs: number })[], out: string, given: string): Map<string, string> {
  const files = new Map<string, string>();
  const isPattern = /\{(suite|harness|model)\}/.test(out);
  const isFile = out.endsWith(".eval");
  if (isFile && !isPattern && cells.length > 1) {
    throw new UsageError(
      `--out ${given}: the run has ${cells.length} (suite, harness, model) cells and an Inspect log holds one task and one model; give a directory, or a pattern such as logs/{suite}_{harness}_{model}.eval`,
    );
  }
  if (!isFile && existsSync(out) && !statSync(out).isDirectory())
    throw new UsageError(`--out ${given}: exists and is not a directory (a single log's name must end in .eval)`);
  for (const cell of cells) {
    const name = `${safeName(cell.suite)}_${safeName(cell.harness)}_${safeName(cell.model)}.eval`;
    const file = isPattern
      ? out
          .replaceAll("{suite}", safeName(cell.suite))
          .replaceAll("{harness}", safeName(cell.harness))
          .replaceAll("{model}", safeName(cell.model))
      : isFile
        ? out
        : path.join(out, name);
    if ([...files.values()].includes(file))
      throw new UsageError(
        `--out ${given}: two cells would both be written to ${file}; use a pattern with {suite}, {harness} and {model}`,
      );
    files.set(cellKey(cell), file);
  }
  for (const file of new Set([...files.values()].map((file) => path.dirname(file)))) {
    try {
      mkdirSync(file, { recursive: true });
    } catch (error) {
      throw new UsageError(`--out ${given}: cannot create ${file} (${(error as Error).message})`);
    }
  }
  return files;
}
