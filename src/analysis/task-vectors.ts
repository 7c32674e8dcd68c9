// Per-task values as arrays aligned to a suite's task list (NaN where a task has no value): the
// comparisons, tests and bootstraps work on these instead of id-keyed records, which keeps the
// analysis linear and fast. Records stay the public shape (summary.json's taskValues).

import type { TaskDesign } from "./joint-bootstrap.js";

/** A suite's tasks (a bootstrap design) with each id's position and family number. */
export interface TaskIndex extends TaskDesign {
  position: ReadonlyMap<string, number>;
  /** Family number of each task (tasks without a family get one of their own); null when no task has one. */
  clusters: Int32Array | null;
}

export function createTaskIndex(ids: readonly string[], families: readonly (string | undefined)[] | null): TaskIndex {
  const position = new Map(ids.map((id, index) => [id, index]));
  let clusters: Int32Array | null = null;
  const anyFamily = families !== null && families.some((family) => family !== undefined);
  if (anyFamily) {
    const numbers = new Map<string, number>();
    clusters = Int32Array.from(ids, (id, index) => {
      const key = families![index] === undefined ? `\u0000${id}` : `family\u0000${families![index]}`;
      if (!numbers.has(key)) numbers.set(key, numbers.size);
      return numbers.get(key)!;
    });
  }
  return { taskIds: ids, families: anyFamily ? families : null, position, clusters };
}

const cache = new WeakMap<object, { index: TaskIndex; vector: Float64Array }>();

/** The record as a vector on `index` (cached per record object). */
export function vectorOf(index: TaskIndex, record: Readonly<Record<string, number>>): Float64Array {
  const cached = cache.get(record);
  if (cached && cached.index === index) return cached.vector;
  const vector = new Float64Array(index.taskIds.length).fill(Number.NaN);
  for (const [id, value] of Object.entries(record)) {
    const at = index.position.get(id);
    if (at !== undefined) vector[at] = value;
  }
  cache.set(record, { index, vector });
  return vector;
}

/** a − b where both have a value. */
export function subtract(a: Float64Array, b: Float64Array): Float64Array {
  const result = new Float64Array(a.length);
  for (let index = 0; index < a.length; index++) result[index] = a[index]! - b[index]!;
  return result;
}

export function countPresent(vector: Float64Array): number {
  let count = 0;
  for (let index = 0; index < vector.length; index++) if (!Number.isNaN(vector[index]!)) count++;
  return count;
}

export function meanOf(vector: Float64Array): number {
  let sum = 0;
  let count = 0;
  for (let index = 0; index < vector.length; index++) {
    const value = vector[index]!;
    if (Number.isNaN(value)) continue;
    sum += value;
    count++;
  }
  return count > 0 ? sum / count : Number.NaN;
}

/** Every present value is 0 or 1. */
export function isBinaryVector(vector: Float64Array): boolean {
  for (let index = 0; index < vector.length; index++) {
    const value = vector[index]!;
    if (value !== 0 && value !== 1 && !Number.isNaN(value)) return false;
  }
  return true;
}

/** Back to a record (for summary.json), present values only. */
export function recordOf(index: TaskIndex, vector: Float64Array): Record<string, number> {
  const record: Record<string, number> = {};
  for (let at = 0; at < vector.length; at++) if (!Number.isNaN(vector[at]!)) record[index.taskIds[at]!] = vector[at]!;
  return record;
}
