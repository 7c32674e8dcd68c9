// Streaming aggregation: one small record per (cell, task), never per sample, so memory
// follows cells × tasks and not the number of samples.
import { HARNESS_LIMIT_REASONS } from "../types.js";
import type { SampleRecord, StopReason, Tier } from "../types.js";

export interface TaskAccumulator {
  /** Scored samples (errors excluded). */
  scored: number;
  passed: number;
  valueSum: number;
  errors: number;
  difficulty: number | undefined;
  family: string | undefined;
}

export interface CellAccumulator {
  suite: string;
  harness: string;
  model: string;
  tier: Tier;
  simulated: boolean;
  tasks: Map<string, TaskAccumulator>;
  samples: number;
  errors: number;
  passed: number;
  stopReasons: Map<StopReason, number>;
  failureStopReasons: Map<StopReason, number>;
  harnessLimitFailures: number;
  wrongAnswerFailures: number;
  costUsd: number;
  replayedCostUsd: number;
  listCostUsd: number;
  pricedSamples: number;
  unpricedSamples: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  latencyMsSum: number;
}

const harnessLimitReasons = new Set<string>(HARNESS_LIMIT_REASONS);

export function cellKeyOf(record: Pick<SampleRecord, "suite" | "harness" | "model">): string {
  return `${record.suite}\u0000${record.harness}\u0000${record.model}`;
}

export function createCellAccumulator(record: SampleRecord): CellAccumulator {
  return {
    suite: record.suite,
    harness: record.harness,
    model: record.model,
    tier: record.tier,
    simulated: record.simulated === true,
    tasks: new Map(),
    samples: 0,
    errors: 0,
    passed: 0,
    stopReasons: new Map(),
    failureStopReasons: new Map(),
    harnessLimitFailures: 0,
    wrongAnswerFailures: 0,
    costUsd: 0,
    replayedCostUsd: 0,
    listCostUsd: 0,
    pricedSamples: 0,
    unpricedSamples: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    latencyMsSum: 0,
  };
}

export function addSampleToCell(cell: CellAccumulator, record: SampleRecord): void {
  let task = cell.tasks.get(record.taskId);
  if (!task) {
    task = { scored: 0, passed: 0, valueSum: 0, errors: 0, difficulty: undefined, family: undefined };
    cell.tasks.set(record.taskId, task);
  }
  if (typeof record.difficulty === "number" && Number.isFinite(record.difficulty)) task.difficulty = record.difficulty;
  if (typeof record.family === "string" && record.family !== "") task.family = record.family;
  cell.samples++;
  const stopReason = record.stopReason ?? "answered";
  increment(cell.stopReasons, stopReason);
  const score = record.score;
  if (!score || typeof score.value !== "number") {
    cell.errors++;
    task.errors++;
    increment(cell.failureStopReasons, stopReason);
  } else {
    const value = Math.min(1, Math.max(0, score.value));
    task.scored++;
    task.valueSum += value;
    if (score.pass) {
      task.passed++;
      cell.passed++;
    } else {
      increment(cell.failureStopReasons, stopReason);
      if (harnessLimitReasons.has(stopReason)) cell.harnessLimitFailures++;
      else cell.wrongAnswerFailures++;
    }
  }
  if (typeof record.costUsd === "number" && Number.isFinite(record.costUsd)) {
    cell.costUsd += record.costUsd;
    cell.listCostUsd +=
      typeof record.listCostUsd === "number" && Number.isFinite(record.listCostUsd)
        ? record.listCostUsd
        : record.costUsd;
    if (typeof record.replayedCostUsd === "number" && Number.isFinite(record.replayedCostUsd))
      cell.replayedCostUsd += Math.min(record.replayedCostUsd, record.costUsd);
    cell.pricedSamples++;
  } else {
    cell.unpricedSamples++;
  }
  cell.inputTokens += record.usage?.inputTokens ?? 0;
  cell.outputTokens += record.usage?.outputTokens ?? 0;
  cell.cacheReadTokens += record.usage?.cacheReadTokens ?? 0;
  cell.cacheWriteTokens += record.usage?.cacheWriteTokens ?? 0;
  cell.latencyMsSum += typeof record.latencyMs === "number" ? record.latencyMs : 0;
}

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
