import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseAnalysisOptions } from "../analysis/analysis-options.js";
import { UsageError } from "../errors.js";
import { parseGateConfig } from "../gate/gate-rules.js";
import { workflowSchema } from "../../harnesses/workflow/workflow-schema.js";
import { userConfigSchema, type UserConfig } from "./config-schema.js";
import { formatZodIssues } from "./format-zod-issues.js";
import { readDataFile } from "./read-data-file.js";

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

/** Loads a TS or JS module's default export (TS through jiti, loaded only when needed). */
export async function importModule(file: string): Promise<unknown> {
  if (/\.(c|m)?ts$/.test(file)) {
    const { createJiti } = await import("jiti");
    const jiti = createJiti(import.meta.url, { interopDefault: true, moduleCache: false });
    return jiti.import(file, { default: true });
  }
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  return module.default ?? module;
}

export async function loadConfigFile(file: string, cwd: string): Promise<UserConfig> {
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
  const parsed = userConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new UsageError(formatZodIssues(display, parsed.error));
  // Sections owned by other parts are checked now too, so a typo fails before any work.
  parseAnalysisOptions(parsed.data.analysis, display);
  if (parsed.data.gate) parseGateConfig(parsed.data.gate, { file: display, baseDir: path.dirname(file) });
  for (const [name, workflow] of Object.entries(parsed.data.workflows ?? {})) {
    const checked = workflowSchema.safeParse(workflow);
    if (!checked.success)
      throw new UsageError(
        formatZodIssues(`${display}: workflows.${name}`, checked.error).replace(
          `${display}: workflows.${name}: `,
          `${display}: workflows.${name}.`,
        ),
      );
  }
  return parsed.data;
}
