import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { UsageError } from "../errors.js";
import { TIERS, type Tier } from "../types.js";

export interface CompletionLine {
  /** 1-based line number in the file. */
  line: number;
  taskId: string;
  completion: string;
  /** Labels the line carries itself (else the file's, else the defaults). */
  harness?: string;
  model?: string;
  tier?: Tier;
  epoch?: number;
}

function optionalLabel(row: Record<string, unknown>, name: string, where: string): string | undefined {
  const value = row[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.trim() === "")
    throw new UsageError(`${where}: ${name}: expected a non-empty string`);
  return value.trim();
}

/**
 * Streams a completions file, JSONL of `{ task_id, completion }` with optional `harness`,
 * `model`, `tier` and `epoch`, mapping each id onto the suite's ids (exactly, else
 * `<suite>/<id>` for files that number tasks, as MBPP does). `field` names the member holding the
 * answer (default `completion`). Malformed lines and unknown task ids are UsageErrors naming the
 * file and line.
 */
export async function* readCompletionsFile(
  file: string,
  display: string,
  suite: { name: string; taskIds: Set<string> },
  field = "completion",
): AsyncGenerator<CompletionLine> {
  if (!existsSync(file)) throw new UsageError(`${display}: file not found`);
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (text.trim() === "") continue;
    const where = `${display}: line ${number}`;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${where}: invalid JSON (${(error as Error).message})`);
    }
    const row = (value && typeof value === "object" && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
    const rawId = row.task_id;
    if (typeof rawId !== "string" && typeof rawId !== "number")
      throw new UsageError(`${where}: task_id: expected a string`);
    const completion = row[field];
    if (typeof completion !== "string") throw new UsageError(`${where}: ${field}: expected a string`);
    const taskId = suite.taskIds.has(String(rawId)) ? String(rawId) : `${suite.name}/${rawId}`;
    if (!suite.taskIds.has(taskId)) {
      throw new UsageError(
        `${where}: task_id: "${rawId}" is not a task of suite "${suite.name}" (${suite.taskIds.size} tasks)`,
      );
    }
    const harness = optionalLabel(row, "harness", where);
    const model = optionalLabel(row, "model", where);
    const tier = optionalLabel(row, "tier", where);
    if (tier !== undefined && !TIERS.includes(tier as Tier))
      throw new UsageError(`${where}: tier: must be one of ${TIERS.join(", ")}, got "${tier}"`);
    const epoch = row.epoch;
    if (epoch !== undefined && epoch !== null && !(Number.isInteger(epoch) && (epoch as number) >= 0))
      throw new UsageError(`${where}: epoch: expected a whole number ≥ 0`);
    yield {
      line: number,
      taskId,
      completion,
      ...(harness !== undefined ? { harness } : {}),
      ...(model !== undefined ? { model } : {}),
      ...(tier !== undefined ? { tier: tier as Tier } : {}),
      ...(typeof epoch === "number" ? { epoch } : {}),
    };
  }
}
