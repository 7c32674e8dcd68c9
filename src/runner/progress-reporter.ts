import type { BatchProgress } from "../models/batch/batch-session.js";
import type { SampleRecord } from "../types.js";

export interface ProgressReporter {
  onRunStart?(info: { dir: string; planned: number; alreadyDone: number }): void;
  onSampleEnd?(record: SampleRecord): void;
  onRunEnd?(info: { dir: string; interrupted: boolean }): void;
  /** Batch mode: batches submitted, in progress and done changed. */
  onBatchProgress?(progress: BatchProgress): void;
  /** Something the user should know once (e.g. a harness that cannot batch runs directly). */
  onNote?(message: string): void;
}

interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
}

function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "?";
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}

/**
 * Done/total, errors, running mean, cost and ETA: a live line on a TTY, a plain line every
 * few seconds otherwise (CI logs).
 */
export function createProgressReporter(
  stream: Stream,
  options: { intervalMs?: number; now?: () => number } = {},
): ProgressReporter {
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? (stream.isTTY ? 100 : 5_000);
  let planned = 0;
  let done = 0;
  let errors = 0;
  let scoreSum = 0;
  let scored = 0;
  let cost = 0;
  let unpriced = false;
  let started = 0;
  let lastPrint = 0;
  let newThisRun = 0;
  let batches: BatchProgress | null = null;

  const line = () => {
    const elapsed = now() - started;
    const eta = newThisRun > 0 ? (elapsed / newThisRun) * (planned - done) : NaN;
    const mean = scored ? (scoreSum / scored).toFixed(3) : "–";
    const costText = cost > 0 ? ` · $${cost.toFixed(4)}${unpriced ? "+no price" : ""}` : "";
    const batchText = batches
      ? ` · batches ${batches.submitted} submitted, ${batches.inProgress} in progress, ${batches.done} done${batches.failed ? `, ${batches.failed} failed` : ""}`
      : "";
    return `${done}/${planned} samples · ${errors} errors · mean ${mean}${costText}${batchText} · ETA ${formatDuration(eta)}`;
  };
  const print = (final: boolean) => {
    if (stream.isTTY) stream.write(`\r\x1b[2K${line()}${final ? "\n" : ""}`);
    else stream.write(`${line()}\n`);
    lastPrint = now();
  };

  return {
    onRunStart(info) {
      planned = info.planned;
      done = info.alreadyDone;
      started = now();
      lastPrint = started;
      stream.write(
        `capbench: ${info.planned} samples${info.alreadyDone ? ` (${info.alreadyDone} already done)` : ""} → ${info.dir}\n`,
      );
    },
    onSampleEnd(record) {
      done++;
      newThisRun++;
      if (record.error) errors++;
      if (record.score) {
        scoreSum += record.score.value;
        scored++;
      }
      if (record.costUsd === null) unpriced = true;
      else cost += record.costUsd;
      if (now() - lastPrint >= interval) print(false);
    },
    onBatchProgress(progress) {
      const changed = batches === null || progress.submitted !== batches.submitted || progress.done !== batches.done;
      batches = progress;
      // Batches take minutes to hours with no sample ending: say when one is sent or comes back.
      if (changed && (stream.isTTY || now() - lastPrint >= interval || progress.inProgress === 0)) print(false);
    },
    onNote(message) {
      stream.write(`${stream.isTTY ? "\r\x1b[2K" : ""}capbench: note: ${message}\n`);
    },
    onRunEnd(info) {
      print(true);
      if (info.interrupted) stream.write(`capbench: interrupted; resume with: capbench run --resume ${info.dir}\n`);
    },
  };
}
