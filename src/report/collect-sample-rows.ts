// The per-sample table of report.html: a bounded, seeded selection of samples (failures first,
// then a sample of passes) and a bounded number of their trajectories, so a run with 100k
// samples still gives a page of a few megabytes.
import { createSeededRandom } from "../random/seeded-random.js";
import { loadTraceText, readSamples } from "../store/index.js";
import type { SampleRecord } from "../types.js";

export interface SampleRowLimits {
  /** Failing or errored samples kept (reservoir sample when there are more). */
  failureRows: number;
  passRows: number;
  /** Trajectories embedded, failures first. */
  trajectories: number;
  /** A trace file larger than this is linked, not embedded. */
  trajectoryBytes: number;
  /** All embedded trajectories together. */
  totalTrajectoryBytes: number;
}

export const DEFAULT_SAMPLE_ROW_LIMITS: SampleRowLimits = {
  failureRows: 1500,
  passRows: 500,
  trajectories: 150,
  trajectoryBytes: 200_000,
  totalTrajectoryBytes: 4_000_000,
};

export interface SampleRow {
  suite: string;
  taskId: string;
  harness: string;
  model: string;
  tier: string;
  simulated: boolean;
  epoch: number;
  difficulty: number | null;
  value: number | null;
  pass: boolean | null;
  stopReason: string;
  costUsd: number | null;
  latencyMs: number;
  answer: string;
  explanation: string;
  error: string | null;
  trace: string | null;
  /** Byte offset of the sample's line in the trace file (null: the whole file is its trace). */
  traceOffset: number | null;
  traceBytes: number | null;
  /** Index into the embedded trajectories, when embedded. */
  trajectory: number | null;
}

export interface SampleRows {
  rows: SampleRow[];
  /** Parsed trace files ({ key, events } as the store writes them). */
  trajectories: unknown[];
  totalSamples: number;
  omittedRows: number;
  /** Selected rows whose trajectory was not embedded (too large or over the budget). */
  linkedOnly: number;
}

export async function collectSampleRows(
  runDir: string,
  seed: number,
  limits: SampleRowLimits = DEFAULT_SAMPLE_ROW_LIMITS,
): Promise<SampleRows> {
  const random = createSeededRandom(seed, "report-rows");
  const failures: SampleRow[] = [];
  const passes: SampleRow[] = [];
  let failureCount = 0;
  let passCount = 0;
  let totalSamples = 0;
  for await (const record of readSamples(runDir)) {
    totalSamples++;
    const passed = record.score?.pass === true;
    if (passed) reservoirAdd(passes, limits.passRows, ++passCount, record, random);
    else reservoirAdd(failures, limits.failureRows, ++failureCount, record, random);
  }
  const rows = [...failures, ...passes].sort(
    (a, b) =>
      a.suite.localeCompare(b.suite) ||
      a.harness.localeCompare(b.harness) ||
      a.tier.localeCompare(b.tier) ||
      a.taskId.localeCompare(b.taskId, undefined, { numeric: true }) ||
      a.epoch - b.epoch,
  );
  const trajectories: unknown[] = [];
  let budget = limits.totalTrajectoryBytes;
  let linkedOnly = 0;
  // Failures first (they are what a reader opens), in a seeded shuffle so every cell gets some.
  const shuffleKey = new Map(rows.map((row) => [row, random()]));
  const order = [...rows].sort(
    (a, b) => Number(a.pass === true) - Number(b.pass === true) || shuffleKey.get(a)! - shuffleKey.get(b)!,
  );
  for (const row of order) {
    if (!row.trace) continue;
    if (trajectories.length >= limits.trajectories) {
      linkedOnly++;
      continue;
    }
    const loaded = loadTraceText(
      runDir,
      {
        trace: row.trace,
        ...(row.traceOffset !== null ? { traceOffset: row.traceOffset } : {}),
        ...(row.traceBytes !== null ? { traceBytes: row.traceBytes } : {}),
      },
      Math.min(limits.trajectoryBytes, budget),
    );
    const trajectory = loaded.status === "ok" ? parseTrajectory(loaded.text) : null;
    if (!trajectory) {
      // A trace that cannot be read (truncated file, missing) is not linked either.
      if (loaded.status !== "too-large") row.trace = null;
      linkedOnly++;
      continue;
    }
    budget -= trajectory.bytes;
    row.trajectory = trajectories.length;
    trajectories.push(trajectory.content);
  }
  return { rows, trajectories, totalSamples, omittedRows: totalSamples - rows.length, linkedOnly };
}

function parseTrajectory(text: string): { content: unknown; bytes: number } | null {
  try {
    return { content: JSON.parse(text) as unknown, bytes: text.length };
  } catch {
    return null;
  }
}

function reservoirAdd(
  reservoir: SampleRow[],
  capacity: number,
  seen: number,
  record: SampleRecord,
  random: () => number,
): void {
  if (capacity <= 0) return;
  if (reservoir.length < capacity) {
    reservoir.push(toRow(record));
    return;
  }
  const slot = Math.floor(random() * seen);
  if (slot < capacity) reservoir[slot] = toRow(record);
}

function toRow(record: SampleRecord): SampleRow {
  return {
    suite: record.suite,
    taskId: record.taskId,
    harness: record.harness,
    model: record.model,
    tier: record.tier,
    simulated: record.simulated === true,
    epoch: record.epoch,
    difficulty: typeof record.difficulty === "number" ? record.difficulty : null,
    value: record.score ? record.score.value : null,
    pass: record.score ? record.score.pass : null,
    stopReason: record.stopReason,
    costUsd: typeof record.costUsd === "number" ? record.costUsd : null,
    latencyMs: record.latencyMs,
    answer: clip(record.answer ?? "", 400),
    explanation: clip(record.score?.explanation ?? "", 300),
    error: record.error ? clip(`${record.error.kind}: ${record.error.message}`, 300) : null,
    trace: typeof record.trace === "string" ? record.trace : null,
    traceOffset: typeof record.traceOffset === "number" ? record.traceOffset : null,
    traceBytes: typeof record.traceBytes === "number" ? record.traceBytes : null,
    trajectory: null,
  };
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
