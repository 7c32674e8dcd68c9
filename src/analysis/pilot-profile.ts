// What a pilot run says about the run being planned: per (harness, model) the calls and tokens
// of one sample, and the variance components of the comparisons (gain, harness vs harness,
// difference of gains), estimated from its samples.jsonl in one streaming pass.
import { addSampleToCell, cellKeyOf, createCellAccumulator } from "./cell-accumulator.js";
import type { CellAccumulator, TaskAccumulator } from "./cell-accumulator.js";
import type { VarianceComponents } from "./power.js";
import { readSamples } from "../store/index.js";
import type { SampleRecord } from "../types.js";

export interface UsagePerSample {
  samples: number;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export interface PilotProfile {
  dir: string;
  samples: number;
  /** Mean usage of one sample, by `harness\u0000model`. */
  usage: Map<string, UsagePerSample>;
  /** Mean usage of one sample by harness (all models), for models the pilot did not run. */
  usageByHarness: Map<string, UsagePerSample>;
  variance: Partial<Record<"gain" | "harness" | "interaction", VarianceComponents & { instances: number }>>;
  /** The pilot's epochs were all 1: within-task noise could not be told from task differences. */
  singleEpoch: boolean;
}

export async function readPilotProfile(dir: string, tierOrder: (tier: string) => number): Promise<PilotProfile> {
  const cells = new Map<string, CellAccumulator>();
  const usage = new Map<string, UsagePerSample>();
  const usageByHarness = new Map<string, UsagePerSample>();
  let samples = 0;
  for await (const record of readSamples(dir, { whenMissing: "error" })) {
    samples++;
    const key = cellKeyOf(record);
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = createCellAccumulator(record)));
    addSampleToCell(cell, record);
    addUsage(usage, `${record.harness}\u0000${record.model}`, record);
    addUsage(usageByHarness, record.harness, record);
  }
  for (const map of [usage, usageByHarness])
    for (const entry of map.values()) {
      entry.calls /= entry.samples;
      entry.inputTokens /= entry.samples;
      entry.outputTokens /= entry.samples;
      entry.cacheReadTokens /= entry.samples;
      entry.cacheWriteTokens /= entry.samples;
    }
  const accumulators = [...cells.values()];
  const singleEpoch = accumulators.every((cell) => [...cell.tasks.values()].every((task) => task.scored <= 1));
  return {
    dir,
    samples,
    usage,
    usageByHarness,
    variance: pilotVariance(accumulators, tierOrder, singleEpoch),
    singleEpoch,
  };
}

function addUsage(map: Map<string, UsagePerSample>, key: string, record: SampleRecord): void {
  const entry = map.get(key) ?? {
    samples: 0,
    calls: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
  };
  entry.samples++;
  entry.calls += record.modelCalls ?? 0;
  entry.inputTokens += record.usage?.inputTokens ?? 0;
  entry.outputTokens += record.usage?.outputTokens ?? 0;
  entry.cacheReadTokens += record.usage?.cacheReadTokens ?? 0;
  entry.cacheWriteTokens += record.usage?.cacheWriteTokens ?? 0;
  map.set(key, entry);
}

type Arm = { cell: CellAccumulator; sign: number };

/**
 * Variance components of a signed sum of arms over the tasks all arms scored: the observed
 * variance of the per-task contrast, less the part one epoch's noise explains (from each arm's
 * within-task variance, k/(k−1)·p(1−p) on the task mean p — exact for 0/1 scores, an upper bound
 * for others). With one epoch per task the noise cannot be separated: all of it counts as
 * between-task variance, which is conservative (more epochs then do not help).
 */
function contrastComponents(arms: Arm[], singleEpoch: boolean): VarianceComponents | null {
  const taskIds = [...arms[0]!.cell.tasks.keys()].filter((id) =>
    arms.every(({ cell }) => (cell.tasks.get(id)?.scored ?? 0) > 0),
  );
  if (taskIds.length < 3) return null;
  const contrasts: number[] = [];
  let noise = 0;
  let oneEpochNoise = 0;
  for (const id of taskIds) {
    let value = 0;
    for (const { cell, sign } of arms) {
      const task = cell.tasks.get(id)!;
      const mean = task.valueSum / task.scored;
      value += sign * mean;
      const within = withinVariance(task, mean);
      noise += within / task.scored;
      oneEpochNoise += within;
    }
    contrasts.push(value);
  }
  const mean = contrasts.reduce((sum, value) => sum + value, 0) / contrasts.length;
  const observed = contrasts.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (contrasts.length - 1);
  if (singleEpoch) return { betweenTasks: observed, withinTask: 0 };
  return {
    betweenTasks: Math.max(0, observed - noise / taskIds.length),
    withinTask: oneEpochNoise / taskIds.length,
  };
}

function withinVariance(task: TaskAccumulator, mean: number): number {
  if (task.scored < 2) return 0;
  return (mean * (1 - mean) * task.scored) / (task.scored - 1);
}

function pilotVariance(
  cells: CellAccumulator[],
  tierOrder: (tier: string) => number,
  singleEpoch: boolean,
): PilotProfile["variance"] {
  const collected: Record<"gain" | "harness" | "interaction", VarianceComponents[]> = {
    gain: [],
    harness: [],
    interaction: [],
  };
  const suites = [...new Set(cells.map((cell) => cell.suite))];
  for (const suite of suites) {
    const inSuite = cells.filter((cell) => cell.suite === suite);
    const harnesses = [...new Set(inSuite.map((cell) => cell.harness))];
    const tiers = [...new Set(inSuite.map((cell) => cell.tier))].sort((a, b) => tierOrder(a) - tierOrder(b));
    const bottom = tiers[0];
    const top = tiers[tiers.length - 1];
    const at = (harness: string, tier: string | undefined) =>
      inSuite.filter((cell) => cell.harness === harness && cell.tier === tier);
    for (const harness of harnesses) {
      if (bottom === top) break;
      for (const high of at(harness, top))
        for (const low of at(harness, bottom)) {
          const components = contrastComponents(
            [
              { cell: high, sign: 1 },
              { cell: low, sign: -1 },
            ],
            singleEpoch,
          );
          if (components) collected.gain.push(components);
        }
    }
    for (let first = 0; first < harnesses.length; first++)
      for (let second = first + 1; second < harnesses.length; second++)
        for (const cell of inSuite.filter((entry) => entry.harness === harnesses[first])) {
          const other = inSuite.find((entry) => entry.harness === harnesses[second] && entry.model === cell.model);
          if (!other) continue;
          const components = contrastComponents(
            [
              { cell, sign: 1 },
              { cell: other, sign: -1 },
            ],
            singleEpoch,
          );
          if (components) collected.harness.push(components);
        }
    if (bottom !== top && harnesses.length > 1) {
      const [reference, ...rest] = harnesses;
      for (const harness of rest) {
        const arms = [at(harness, top)[0], at(harness, bottom)[0], at(reference!, top)[0], at(reference!, bottom)[0]];
        if (arms.some((cell) => !cell)) continue;
        const components = contrastComponents(
          arms.map((cell, index) => ({ cell: cell!, sign: index === 0 || index === 3 ? 1 : -1 })),
          singleEpoch,
        );
        if (components) collected.interaction.push(components);
      }
    }
  }
  const variance: PilotProfile["variance"] = {};
  for (const kind of ["gain", "harness", "interaction"] as const) {
    const list = collected[kind];
    if (list.length === 0) continue;
    variance[kind] = {
      betweenTasks: list.reduce((sum, item) => sum + item.betweenTasks, 0) / list.length,
      withinTask: list.reduce((sum, item) => sum + item.withinTask, 0) / list.length,
      instances: list.length,
    };
  }
  return variance;
}
