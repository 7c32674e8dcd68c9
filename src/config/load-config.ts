import { existsSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import { parseOrThrow } from "../format-zod-issues.js";
import { importModule } from "../registry/import-module.js";
import { checkConfigEntries } from "./check-config.js";
import { userConfigSchema, type LoadedConfig } from "./config-schema.js";
import { readDataFile } from "../data-files/read-data-file.js";

const CONFIG_NAMES = [
  "capbench.config.ts",
  "capbench.config.mjs",
  "capbench.config.js",
  "capbench.config.json",
  "capbench.config.yaml",
  "capbench.config.yml",
];

export function findConfig(cwd: string): string | null {
  for (const name of CONFIG_NAMES) {
    const candidate = path.join(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Loads and checks a config file in one pass: the schema (composed from every part's schema),
 * then the names and options of the built-in plug-ins it uses. Problems name the file and field.
 */
export async function loadConfigFile(file: string, cwd: string): Promise<LoadedConfig> {
  const display = path.relative(cwd, file) || file;
  if (!existsSync(file)) throw new UsageError(`${display}: config file not found`);
  let raw: unknown;
  if (/\.(c|m)?(t|j)s$/.test(file)) {
    try {
      raw = await importModule(file);
    } catch (error) {
      throw new UsageError(`${display}: could not load: ${(error as Error).message.split("\n")[0]}`);
    }
  } else {
    raw = await readDataFile(file, display);
  }
  const config = parseOrThrow(userConfigSchema, raw ?? {}, display);
  checkConfigEntries(config, { file: display, baseDir: path.dirname(file) });
  return config;
}
