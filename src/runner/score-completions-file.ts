import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { UsageError } from "../errors.js";

export interface CompletionLine {
  /** 1-based line number in the file. */
  line: number;
  taskId: string;
  completion: string;
}

/**
 * Streams a completions file, JSONL of `{ task_id, completion }`, mapping each id onto the
 * suite's ids (exactly, else `<suite>/<id>` for files that number tasks, as MBPP does).
 * Malformed lines and unknown task ids are UsageErrors naming the file and line.
 */
export async function* readCompletionsFile(
  file: string,
  display: string,
  suite: { name: string; taskIds: Set<string> },
): AsyncGenerator<CompletionLine> {
  if (!existsSync(file)) throw new UsageError(`${display}: file not found`);
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${display}: line ${number}: invalid JSON (${(error as Error).message})`);
    }
    const row = (value && typeof value === "object" && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
    const rawId = row.task_id;
    if (typeof rawId !== "string" && typeof rawId !== "number")
      throw new UsageError(`${display}: line ${number}: task_id: expected a string`);
    if (typeof row.completion !== "string")
      throw new UsageError(`${display}: line ${number}: completion: expected a string`);
    const taskId = suite.taskIds.has(String(rawId)) ? String(rawId) : `${suite.name}/${rawId}`;
    if (!suite.taskIds.has(taskId)) {
      throw new UsageError(
        `${display}: line ${number}: task_id: "${rawId}" is not a task of suite "${suite.name}" (${suite.taskIds.size} tasks)`,
      );
    }
    yield { line: number, taskId, completion: row.completion };
  }
}
