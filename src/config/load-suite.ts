import path from "node:path";
import { didYouMean } from "../did-you-mean.js";
import { UsageError } from "../errors.js";
import { parseAt, parseOrThrow } from "../format-zod-issues.js";
import { builtinRegistry } from "../registry/builtin-registry.js";
import { createScorer } from "../registry/create-scorer.js";
import { loadPluginModule } from "../registry/load-plugin-module.js";
import type { ScorerContext } from "../registry/plugin-types.js";
import type { Registry } from "../registry/registry.js";
import { isModulePath } from "../registry/resolve-harness-ref.js";
import type { Scorer, Suite, SuiteDefinition, SuiteOptions } from "../types.js";
import { readDataFile } from "../data-files/read-data-file.js";
import { suiteFileSchema } from "./suite-file-schema.js";

export interface LoadSuiteContext {
  cwd: string;
  baseDir: string;
  seed: number;
  limit: number | null;
  sandbox: "bwrap" | "unsafe-none";
  suiteOptions: Record<string, Record<string, unknown>>;
  /** For model-graded scorers: the run's env, response cache and seed. */
  models?: ScorerContext["models"];
  /** Plug-ins by name; default the built-ins. A suite module loaded here is registered in it. */
  registry?: Registry;
  /** Where `suiteOptions` came from, for messages. Default `suiteOptions`. */
  configFile?: string;
}

const FILE_PATTERN = /\.(ya?ml|jsonl?|[cm]?[tj]s)$/i;

type ScorerField = Scorer | { type: string; [option: string]: unknown };

/**
 * A suite reference: a registered suite name (built-in or from a plug-in module), `importer:PATH`,
 * or a path to a suite file or module. Its options and its scorer's options are checked against
 * their schemas here, before any sample runs.
 */
export async function loadSuite(ref: string, context: LoadSuiteContext): Promise<Suite> {
  const registry = context.registry ?? builtinRegistry();
  const registered = registry.find("suite", ref);
  if (registered) return materialize(registered.definition, ref, context, context.baseDir, registry);
  const prefix = /^([a-z0-9-]+):(.+)$/.exec(ref);
  if (prefix && !/^[a-z]:[\\/]/i.test(ref)) {
    const importer = registry.get("importer", prefix[1]!, `suite "${ref}"`);
    const file = path.resolve(context.baseDir, prefix[2]!);
    const suite = await importer.import(file, {
      seed: context.seed,
      ...(context.limit ? { limit: context.limit } : {}),
      baseDir: context.baseDir,
      sandbox: context.sandbox,
    });
    return {
      ...suite,
      source: ref,
      sandbox: suite.sandbox === true || suite.scorer.name === "code-tests",
      tasks: context.limit ? suite.tasks.slice(0, context.limit) : suite.tasks,
    };
  }
  if (!FILE_PATTERN.test(ref)) {
    const known = registry.names("suite");
    throw new UsageError(
      `suite "${ref}": not a registered suite nor a suite file (.yaml, .jsonl, .json, .ts, .js).${didYouMean(ref, known)} Registered suites: ${known.join(", ")}.`,
    );
  }
  const file = path.resolve(context.baseDir, ref);
  const display = path.relative(context.cwd, file) || file;
  if (/\.[cm]?[tj]s$/i.test(file)) {
    const plugins = await loadPluginModule(file, display, registry);
    const suite = plugins.find((plugin) => plugin.kind === "suite");
    if (!suite || suite.kind !== "suite")
      throw new UsageError(`${display}: default export must be defineSuite({ name, scorer, tasks })`);
    return materialize(suite.definition, display, context, path.dirname(file), registry);
  }
  return loadSuiteFile(file, display, context, registry);
}

async function loadSuiteFile(file: string, display: string, context: LoadSuiteContext, registry: Registry) {
  let raw = await readDataFile(file, display);
  if (Array.isArray(raw)) {
    // JSONL: task lines, and optionally one header line with name/scorer (no id).
    const header = raw.find((row) => row && typeof row === "object" && !("id" in row)) as
      Record<string, unknown> | undefined;
    const tasks = raw.filter((row) => row !== header);
    raw = { name: path.basename(file).replace(/\.[^.]+$/, ""), ...header, tasks };
  }
  const parsed = parseOrThrow(suiteFileSchema, raw, display);
  const ids = new Set<string>();
  parsed.tasks.forEach((task, index) => {
    if (ids.has(task.id)) throw new UsageError(`${display}: tasks[${index}].id: duplicate id "${task.id}"`);
    ids.add(task.id);
  });
  return materialize(parsed, display, context, path.dirname(file), registry);
}

function isScorer(value: ScorerField): value is Scorer {
  return typeof (value as Scorer).score === "function";
}

async function scorerFor(
  scorer: ScorerField,
  source: string,
  context: LoadSuiteContext,
  baseDir: string,
  registry: Registry,
): Promise<Scorer> {
  if (isScorer(scorer)) return scorer;
  const spec = scorer;
  let type = String(spec.type);
  if (isModulePath(type)) {
    // A scorer module named by path: registered first, then used like any scorer type.
    const plugins = await loadPluginModule(path.resolve(baseDir, type), type, registry);
    const found = plugins.find((plugin) => plugin.kind === "scorer");
    if (!found) throw new UsageError(`${source}: scorer.type: ${type} exports no scorer (use defineScorer)`);
    type = found.name;
  }
  return createScorer(
    { ...spec, type },
    {
      where: `${source}: scorer`,
      baseDir,
      sandbox: { mode: context.sandbox },
      ...(context.models ? { models: context.models } : {}),
    },
    registry,
  );
}

async function materialize(
  definition: Omit<SuiteDefinition, "scorer"> & { scorer: ScorerField },
  source: string,
  context: LoadSuiteContext,
  baseDir: string,
  registry: Registry,
): Promise<Suite> {
  const given = context.suiteOptions[definition.name] ?? {};
  const checked = definition.options
    ? parseAt(definition.options, given, `${context.configFile ?? "config"}: suiteOptions.${definition.name}`)
    : given;
  const options: SuiteOptions = {
    ...checked,
    seed: context.seed,
    ...(context.limit ? { limit: context.limit } : {}),
  };
  const tasks = typeof definition.tasks === "function" ? definition.tasks(options) : definition.tasks;
  const scorer = await scorerFor(definition.scorer, source, context, baseDir, registry);
  return {
    name: definition.name,
    ...(definition.description ? { description: definition.description } : {}),
    scorer,
    tasks: context.limit ? tasks.slice(0, context.limit) : tasks,
    documents: definition.documents ?? "stuff",
    ...(definition.tools ? { tools: definition.tools } : {}),
    sandbox: definition.sandbox === true || scorer.name === "code-tests",
    source,
  };
}
