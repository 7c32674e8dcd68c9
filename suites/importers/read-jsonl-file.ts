import fs from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { parseJsonLines } from "../../src/data-files/read-data-file.js";
import { UsageError } from "../../src/errors.js";

export interface JsonlRow {
  /** 1-based line number, for messages. */
  line: number;
  value: Record<string, unknown>;
}

/** Reads a JSON Lines file (gzip when the name ends in `.gz`); blank lines are skipped. */
export async function readJsonlFile(file: string): Promise<JsonlRow[]> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === "ENOENT" ? "file not found" : `cannot read (${code})`}`);
  }
  const text = file.endsWith(".gz") ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
  return parseJsonLines(text, file).map(({ line, value }) => {
    if (!value || typeof value !== "object" || Array.isArray(value))
      throw new UsageError(`${file}: line ${line}: expected a JSON object`);
    return { line, value: value as Record<string, unknown> };
  });
}

/** A required string field of a row, or a UsageError naming the file, line and field. */
export function stringField(row: JsonlRow, field: string, file: string): string {
  const value = row.value[field];
  if (typeof value !== "string") throw new UsageError(`${file}: line ${row.line}: ${field}: expected a string`);
  return value;
}
