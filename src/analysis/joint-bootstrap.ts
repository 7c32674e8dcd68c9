// One bootstrap over a suite's tasks for many statistics at once: each resample draws task
// weights once (tasks, or families then tasks within them, as METR does), and every statistic
// is a weighted mean (or a ratio of two) of its own per-task values under those weights. So
// every interval of a suite comes from the same resamples, a statistic over a subset of tasks
// (e.g. the tasks two arms share) is still a valid bootstrap, and the cost is one draw per task
// per resample however many statistics there are.
import { createSeededRandom } from "../random/seeded-random.js";

export interface TaskDesign {
  /** The suite's task ids, in a fixed order (sorted), so results do not depend on file order. */
  taskIds: readonly string[];
  /** Family (cluster) of each task, same order; undefined entries are families of one. Null: none. */
  families: readonly (string | undefined)[] | null;
}

export interface BootstrapStatistic {
  /** Per-task values aligned to the design's tasks (NaN: not in this statistic); the statistic is their weighted mean. */
  values: Float64Array;
  /** For a ratio of means: the denominator's per-task values; undefined where its mean is not positive. */
  denominator?: Float64Array;
}

export interface JointBootstrapOptions {
  seed: number;
  resamples: number;
  /** Names the random stream (e.g. the suite). */
  label: string;
}

interface Compiled {
  indices: Int32Array;
  values: Float64Array;
}

/** Sorted bootstrap distributions, one per statistic (resamples where a statistic is undefined are left out). */
export function jointBootstrap(
  design: TaskDesign,
  statistics: readonly BootstrapStatistic[],
  options: JointBootstrapOptions,
): Float64Array[] {
  const compile = (vector: Float64Array): Compiled => {
    const indices: number[] = [];
    for (let index = 0; index < vector.length; index++) if (!Number.isNaN(vector[index]!)) indices.push(index);
    return { indices: Int32Array.from(indices), values: Float64Array.from(indices, (index) => vector[index]!) };
  };
  const compiled = statistics.map((statistic) => ({
    numerator: compile(statistic.values),
    denominator: statistic.denominator ? compile(statistic.denominator) : null,
  }));
  const draws = createWeightDrawer(design, options);
  const results = statistics.map(() => new Float64Array(options.resamples));
  const filled = new Int32Array(statistics.length);
  for (let resample = 0; resample < options.resamples; resample++) {
    const weights = draws();
    for (let index = 0; index < compiled.length; index++) {
      const { numerator, denominator } = compiled[index]!;
      let value = weightedMean(numerator, weights);
      if (denominator) {
        const below = weightedMean(denominator, weights);
        value = below > 0 ? value / below : Number.NaN;
      }
      if (Number.isFinite(value)) results[index]![filled[index]!++] = value;
    }
  }
  return results.map((distribution, index) => distribution.slice(0, filled[index]!).sort());
}

function weightedMean(statistic: Compiled, weights: Float64Array): number {
  const { indices, values } = statistic;
  let sum = 0;
  let total = 0;
  for (let index = 0; index < indices.length; index++) {
    const weight = weights[indices[index]!]!;
    sum += weight * values[index]!;
    total += weight;
  }
  return total > 0 ? sum / total : Number.NaN;
}

/** A function that returns the task weights (draw counts) of the next resample; the array is reused. */
export function createWeightDrawer(design: TaskDesign, options: JointBootstrapOptions): () => Float64Array {
  const count = design.taskIds.length;
  const weights = new Float64Array(count);
  const random = createSeededRandom(options.seed, options.label);
  const groups = familyGroups(design);
  if (!groups) {
    return () => {
      weights.fill(0);
      for (let draw = 0; draw < count; draw++) weights[Math.floor(random() * count)]!++;
      return weights;
    };
  }
  return () => {
    weights.fill(0);
    for (let draw = 0; draw < groups.length; draw++) {
      const members = groups[Math.floor(random() * groups.length)]!;
      for (let inner = 0; inner < members.length; inner++) weights[members[Math.floor(random() * members.length)]!]!++;
    }
    return weights;
  };
}

/** Task positions per family; null when no task shares a family (a plain task bootstrap). */
export function familyGroups(design: TaskDesign): Int32Array[] | null {
  if (!design.families) return null;
  const groups = new Map<string, number[]>();
  design.taskIds.forEach((id, index) => {
    const family = design.families![index];
    const key = family === undefined ? `\u0000task\u0000${id}` : `family\u0000${family}`;
    const members = groups.get(key);
    if (members) members.push(index);
    else groups.set(key, [index]);
  });
  if (groups.size === design.taskIds.length) return null;
  return [...groups.values()].map((members) => Int32Array.from(members));
}
