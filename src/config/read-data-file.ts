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
    throw new UsageError(`${displayName}: not valid ${extension.slice(1).toUpperCase()}: ${(error as Error).message.split("\n")[0]}`);
  }
  if (extension === ".jsonl") return parseJsonLines(text, displayName);
  throw new UsageError(`${displayName}: unsupported file type "${extension}"; use .json, .jsonl, .yaml or .yml`);
}

export function parseJsonLines(text: string, displayName: string): unknown[] {
  const rows: unknown[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      rows.push(JSON.parse(line));
    } catch (error) {
      throw new UsageError(`${displayName}: line ${index + 1}: not valid JSON: ${(error as Error).message}`);
    }
  });
  return rows;
}
