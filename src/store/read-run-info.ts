import { readFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import { formatZodIssues } from "../format-zod-issues.js";
import { RUN_FILE } from "./layout.js";
import { runInfoSchema, type RunInfo } from "./run-info.js";

/**
 * The run.json of a results directory, validated; null when there is none. A file that is not
 * JSON or not shaped like run.json is a UsageError naming the file and the field.
 */
export function readRunInfo(dir: string): RunInfo | null {
  const file = path.join(dir, RUN_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    if (code === "ENOTDIR") throw new UsageError(`${dir}: not a directory`);
    throw new UsageError(`${file}: cannot read (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (parsed && typeof parsed === "object" && !Array.isArray(parsed) && !("runId" in parsed))
    parsed = { ...parsed, runId: path.basename(path.resolve(dir)) };
  const checked = runInfoSchema.safeParse(parsed);
  if (!checked.success) throw new UsageError(formatZodIssues(file, checked.error));
  return checked.data;
}
