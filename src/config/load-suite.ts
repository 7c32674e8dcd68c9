import path from "node:path";
import { createScorer, type ScorerContext } from "../../scorers/index.js";
import { importers } from "../../suites/importers/index.js";
import { builtinSuites } from "../../suites/index.js";
import { UsageError } from "../errors.js";
import type { Scorer, Suite, SuiteDefinition, SuiteOptions } from "../types.js";
import { formatZodIssues } from "./format-zod-issues.js";
import { importModule } from "./load-config.js";
import { readDataFile } from "./read-data-file.js";
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
}

const FILE_PATTERN = /\.(ya?ml|jsonl?|[cm]?[tj]s)$/i;

/** A suite reference: a built-in name, `importer:PATH`, or a path to a suite file or module. */
export async function loadSuite(ref: string, context: LoadSuiteContext): Promise<Suite> {
  const builtin = builtinSuites[ref];
  if (builtin) return materialize(builtin, ref, context, context.baseDir);
  const prefix = /^([a-z0-9-]+):(.+)$/.exec(ref);
  if (prefix && !/^[a-z]:[\\/]/i.test(ref)) {
    const importer = importers[prefix[1]!];
    if (!importer)
      throw new UsageError(
        `suite "${ref}": unknown importer "${prefix[1]}"; known: ${Object.keys(importers).join(", ") || "none"}`,
      );
    const file = path.resolve(context.baseDir, prefix[2]!);
    const suite = await importer(file, {
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
    throw new UsageError(
      `suite "${ref}": not a built-in suite (${Object.keys(builtinSuites).join(", ")}) nor a suite file (.yaml, .jsonl, .json, .ts, .js)`,
    );
  }
  const file = path.resolve(context.baseDir, ref);
  const display = path.relative(context.cwd, file) || file;
  if (/\.[cm]?[tj]s$/i.test(file)) {
    let definition: SuiteDefinition;
    try {
      definition = (await importModule(file)) as SuiteDefinition;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        `${display}: ${code === "ENOENT" || code === "ERR_MODULE_NOT_FOUND" ? "file not found" : `could not load: ${(error as Error).message.split("\n")[0]}`}`,
      );
    }
    if (!definition || typeof definition.name !== "string" || !definition.tasks || !definition.scorer) {
      throw new UsageError(`${display}: default export must be defineSuite({ name, scorer, tasks })`);
    }
    return materialize(definition, display, context, path.dirname(file));
  }
  return loadSuiteFile(file, display, context);
}

async function loadSuiteFile(file: string, display: string, context: LoadSuiteContext): Promise<Suite> {
  let raw = await readDataFile(file, display);
  if (Array.isArray(raw)) {
    // JSONL: task lines, and optionally one header line with name/scorer (no id).
    const header = raw.find((row) => row && typeof row === "object" && !("id" in row)) as
      Record<string, unknown> | undefined;
    const tasks = raw.filter((row) => row !== header);
    raw = { name: path.basename(file).replace(/\.[^.]+$/, ""), ...header, tasks };
  }
  const parsed = suiteFileSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(formatZodIssues(display, parsed.error));
  const ids = new Set<string>();
  parsed.data.tasks.forEach((task, index) => {
    if (ids.has(task.id)) throw new UsageError(`${display}: tasks[${index}].id: duplicate id "${task.id}"`);
    ids.add(task.id);
  });
  const definition: SuiteDefinition = { ...parsed.data, tasks: parsed.data.tasks };
  return materialize(definition, display, context, path.dirname(file));
}

function materialize(definition: SuiteDefinition, source: string, context: LoadSuiteContext, baseDir: string): Suite {
  const options: SuiteOptions = {
    ...context.suiteOptions[definition.name],
    seed: context.seed,
    ...(context.limit ? { limit: context.limit } : {}),
  };
  const tasks = typeof definition.tasks === "function" ? definition.tasks(options) : definition.tasks;
  const scorer: Scorer =
    "score" in definition.scorer
      ? (definition.scorer as Scorer)
      : createScorer(definition.scorer, {
          where: `${source}: scorer`,
          baseDir,
          sandbox: { mode: context.sandbox },
          ...(context.models ? { models: context.models } : {}),
        });
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
