import { readFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../errors.js";

/** Reads a JSON, JSONL or YAML file; errors name the file (and line for JSONL). */
export async function readDataFile(file: string, displayName = file): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${displayName}: ${code === "ENOENT" ? "file not found" : `cannot read (${code})`}`);
  }
  const extension = path.extname(file).toLowerCase();
  try {
    if (extension === ".json") return JSON.parse(text);
    if (extension === ".yaml" || extension === ".yml") return (await import("yaml")).parse(text); // loaded only for YAML
  } catch (error) {
    throw new UsageError(
      `${displayName}: not valid ${extension.slice(1).toUpperCase()}: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  if (extension === ".jsonl") return parseJsonLines(text, displayName).map((row) => row.value);
  throw new UsageError(`${displayName}: unsupported file type "${extension}"; use .json, .jsonl, .yaml or .yml`);
}

/** The JSON value of each non-blank line, with its 1-based line number for messages. */
export function parseJsonLines(text: string, displayName: string): { line: number; value: unknown }[] {
  const rows: { line: number; value: unknown }[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      rows.push({ line: index + 1, value: JSON.parse(line) });
    } catch (error) {
      throw new UsageError(`${displayName}: line ${index + 1}: not valid JSON: ${(error as Error).message}`);
    }
  });
  return rows;
}
