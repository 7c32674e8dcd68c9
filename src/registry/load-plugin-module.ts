import { existsSync } from "node:fs";
import { UsageError } from "../errors.js";
import type { Harness, Scorer, SuiteDefinition } from "../types.js";
import type { DefinedScorer } from "./define-scorer.js";
import { importModule } from "./import-module.js";
import type { Plugin } from "./plugin-types.js";
import { harnessPlugin, suitePlugin } from "./plugins-from-definitions.js";
import type { Registry } from "./registry.js";
import { z } from "zod";

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** What a module's export is: a harness, a scorer, a suite, an importer or a provider entry. */
function toPlugin(value: unknown, source: string): Plugin | null {
  if (!isObject(value) || typeof value.name !== "string") return null;
  if (typeof value.kind === "string" && ["scorer", "importer", "provider"].includes(value.kind) && "options" in value)
    return { ...(value as unknown as Plugin), source };
  if (isObject(value.plugin) && value.plugin.kind === "scorer")
    return { ...(value as unknown as DefinedScorer<unknown>).plugin, source };
  if (typeof value.run === "function") return harnessPlugin(value as unknown as Harness, source);
  if ("tasks" in value && "scorer" in value) return suitePlugin(value as unknown as SuiteDefinition, source);
  if (typeof value.score === "function") {
    const scorer = value as unknown as Scorer;
    return {
      kind: "scorer",
      name: scorer.name,
      description: "",
      source,
      options: z.strictObject({}),
      create: () => scorer,
    };
  }
  return null;
}

/**
 * Loads a user module and registers what it exports by default (one plug-in or a list of them):
 * a harness (defineHarness), a scorer (defineScorer), a suite (defineSuite), an importer
 * (defineImporter). `display` names the module in messages.
 */
export async function loadPluginModule(file: string, display: string, registry: Registry): Promise<Plugin[]> {
  if (!existsSync(file)) throw new UsageError(`${display}: file not found (${file})`);
  let exported: unknown;
  try {
    exported = await importModule(file);
  } catch (error) {
    throw new UsageError(`${display}: could not load: ${(error as Error).message.split("\n")[0]}`);
  }
  const values = Array.isArray(exported) ? exported : [exported];
  const plugins: Plugin[] = [];
  for (const value of values) {
    const plugin = toPlugin(value, file);
    if (!plugin)
      throw new UsageError(
        `${display}: the default export must be made with defineHarness, defineScorer, defineSuite or defineImporter (or a list of them)`,
      );
    registry.register(plugin);
    plugins.push(plugin);
  }
  return plugins;
}
