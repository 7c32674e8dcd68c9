import { didYouMean } from "../did-you-mean.js";
import { UsageError } from "../errors.js";
import { parseAt } from "../format-zod-issues.js";
import { checkHarnessOptions } from "../harness-kit/harness-options.js";
import { builtinRegistry } from "../registry/builtin-registry.js";
import { KNOWN_PROVIDER_OPTIONS } from "../registry/builtin-providers.js";
import type { Registry } from "../registry/registry.js";
import {
  isExecRef,
  isExternalRef,
  isModulePath,
  parseHarnessRef,
  type HarnessRef,
} from "../registry/resolve-harness-ref.js";
import type { ModelSpec } from "../types.js";
import type { LoadedConfig } from "./config-schema.js";

// The checks a schema alone cannot make: that the plug-ins a config names exist and that their
// options fit their own schemas. Module paths are checked when the module is loaded (before
// any sample too); here, everything built in.

/** A harness entry names a known harness with options it accepts. */
export function checkHarnessEntry(
  entry: HarnessRef,
  where: string,
  workflows: Record<string, unknown>,
  registry: Registry = builtinRegistry(),
): void {
  // An external command is checked when it is resolved, before any sample.
  if (isExecRef(entry) || isExternalRef(entry)) return;
  const written = typeof entry === "string" ? entry : entry.harness;
  const label = `${where} "${written}"`;
  const { base, options } =
    typeof entry === "string"
      ? parseHarnessRef(entry, label)
      : {
          base: entry.harness,
          options: Object.fromEntries(Object.entries(entry.options ?? {}).map(([key, value]) => [key, String(value)])),
        };
  if (isModulePath(base)) return;
  const plugin = registry.get("harness", base, label);
  checkHarnessOptions(plugin.harness, options, label, { workflows });
}

/** A model's provider exists and its options are ones some provider understands, typed right. */
export function checkModelSpec(
  spec: Pick<ModelSpec, "id" | "options">,
  where: string,
  registry: Registry = builtinRegistry(),
): void {
  const colon = spec.id.indexOf(":");
  const provider = colon === -1 ? spec.id : spec.id.slice(0, colon);
  const plugin = registry.get("provider", provider, `${where}.id "${spec.id}"`);
  const options = spec.options ?? {};
  for (const key of Object.keys(options)) {
    if (KNOWN_PROVIDER_OPTIONS.has(key)) continue;
    throw new UsageError(
      `${where}.options: unknown key "${key}".${didYouMean(key, KNOWN_PROVIDER_OPTIONS)} ${plugin.name} accepts ${Object.keys(
        (plugin.options as unknown as { shape: Record<string, unknown> }).shape ?? {},
      ).join(", ")}.`,
    );
  }
  parseAt(plugin.options, options, `${where}.options`);
}

/** `suiteOptions` of built-in suites fit their schemas (other suites are checked when loaded). */
export function checkSuiteOptions(
  suiteOptions: Record<string, Record<string, unknown>>,
  file: string,
  registry: Registry = builtinRegistry(),
): void {
  for (const [name, options] of Object.entries(suiteOptions)) {
    const plugin = registry.find("suite", name);
    if (plugin) parseAt(plugin.options, options, `${file}: suiteOptions.${name}`);
  }
}

export function checkConfigEntries(config: LoadedConfig, context: { file: string; baseDir: string }): void {
  const workflows = config.workflows ?? {};
  config.harnesses?.forEach((entry, index) =>
    checkHarnessEntry(entry, `${context.file}: harnesses[${index}]`, workflows),
  );
  checkSuiteOptions(config.suiteOptions ?? {}, context.file);
}
