import { builtinHarnesses } from "../../harnesses/index.js";
import { BUILTIN_SCORERS } from "../../scorers/builtin-scorers.js";
import { BUILTIN_IMPORTERS } from "../../suites/importers/index.js";
import { builtinSuites } from "../../suites/index.js";
import { BUILTIN_PROVIDERS } from "./builtin-providers.js";
import { harnessPlugin, suitePlugin } from "./plugins-from-definitions.js";
import { Registry } from "./registry.js";

let builtins: Registry | null = null;

/** The built-in harnesses, scorers, suites, importers and providers (one shared, read-only instance). */
export function builtinRegistry(): Registry {
  if (builtins) return builtins;
  const registry = new Registry();
  for (const harness of Object.values(builtinHarnesses)) registry.register(harnessPlugin(harness, "built-in"));
  for (const scorer of BUILTIN_SCORERS) registry.register(scorer);
  for (const suite of Object.values(builtinSuites)) registry.register(suitePlugin(suite, "built-in"));
  for (const importer of BUILTIN_IMPORTERS) registry.register(importer);
  for (const provider of BUILTIN_PROVIDERS) registry.register(provider);
  builtins = registry;
  return registry;
}
