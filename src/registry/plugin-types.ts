import type { ZodType } from "zod";
import type { GraderSettings } from "../../scorers/rubric-scorer.js";
import type { SandboxMode } from "../sandbox/index.js";
import type { Harness, Scorer, Suite, SuiteDefinition, SuiteOptions } from "../types.js";

// Every plug-in registers under a name with a zod schema of its options. The config schema is
// composed from these, so every option is checked once, at load, before any work.

export type PluginKind = "harness" | "scorer" | "suite" | "importer" | "provider";

interface PluginBase {
  name: string;
  description: string;
  /** Where it came from: `built-in`, or the module path. */
  source: string;
}

export interface HarnessPlugin extends PluginBase {
  kind: "harness";
  harness: Harness;
  /** The variant options (`agent[context=compact]`), as text. */
  options: ZodType<Record<string, string>>;
}

/** What creating a scorer may need besides its options. */
export interface ScorerContext {
  /** Where the scorer spec came from, for messages (e.g. `suites/x.yaml: scorer`). */
  where: string;
  /** Directory of the suite file, for relative paths. */
  baseDir: string;
  sandbox: { mode: SandboxMode };
  /** Env, cache and seed for model-graded scorers (the run's); absent: process.env, no cache. */
  models?: GraderSettings;
}

export interface ScorerPlugin<Options = Record<string, unknown>> extends PluginBase {
  kind: "scorer";
  options: ZodType<Options>;
  create(options: Options, context: ScorerContext): Scorer;
}

export interface SuitePlugin extends PluginBase {
  kind: "suite";
  options: ZodType<Record<string, unknown>>;
  definition: SuiteDefinition;
}

export type ImporterOptions = SuiteOptions & { baseDir: string; sandbox?: SandboxMode };

export interface ImporterPlugin extends PluginBase {
  kind: "importer";
  options: ZodType<Record<string, unknown>>;
  import(file: string, options: ImporterOptions): Promise<Suite>;
}

export interface ProviderPlugin extends PluginBase {
  kind: "provider";
  /** The model `options` it understands (passed through to the API). */
  options: ZodType<Record<string, unknown>>;
  /** The environment variable its key comes from by default; null when it needs none. */
  keyVariable: string | null;
}

export type Plugin = PluginByKind[PluginKind];

export interface PluginByKind {
  harness: HarnessPlugin;
  // Each scorer has its own options type; the registry holds them side by side.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  scorer: ScorerPlugin<any>;
  suite: SuitePlugin;
  importer: ImporterPlugin;
  provider: ProviderPlugin;
}
