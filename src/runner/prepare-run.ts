import path from "node:path";
import type { ResolvedConfig } from "../config/resolved-config.js";
import { loadSuite } from "../config/load-suite.js";
import { didYouMean } from "../did-you-mean.js";
import { UsageError } from "../errors.js";
import { connectMcpServers, type McpServerInfo } from "../gateway/connect-mcp-servers.js";
import { checkCredentials, createModelClient } from "../models/create-model-client.js";
import { priceOf } from "../models/prices.js";
import { builtinRegistry } from "../registry/builtin-registry.js";
import { loadPluginModule } from "../registry/load-plugin-module.js";
import type { Registry } from "../registry/registry.js";
import { resolveHarnessRef, type ResolvedHarness } from "../registry/resolve-harness-ref.js";
import { checkSandbox, configureSandbox } from "../sandbox/index.js";
import type { Suite, Tool } from "../types.js";
import type { PlannedModel } from "./plan-samples.js";

export interface PreparedRun {
  registry: Registry;
  suites: Suite[];
  harnesses: ResolvedHarness[];
  models: PlannedModel[];
  /** The run's MCP servers (name, version, tools), when the config lists some. */
  mcpServers: McpServerInfo[];
  /** Closes what the run opened (MCP server connections). */
  close(): Promise<void>;
  /** What every model client adds to its cache keys (batch mode must add the same). */
  cacheNamespace?: string;
}

/** The run's matrix as plug-ins resolve it: suites (with their options and scorers) and harness variants. */
export interface RunMatrix {
  registry: Registry;
  suites: Suite[];
  harnesses: ResolvedHarness[];
}

/**
 * Loads the user's plug-in modules, the suites with their options and scorers, and the harness
 * variants, checking each: the part of a run's preparation that needs no key, sandbox or model
 * client (`capbench plan` uses it alone: nothing is sent).
 */
export async function loadRunMatrix(
  config: ResolvedConfig,
  context: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<RunMatrix> {
  const { cwd, env } = context;
  const configFile = config.configPath ? path.relative(cwd, config.configPath) || config.configPath : "config";
  const registry = builtinRegistry().clone();
  for (const file of config.plugins) await loadPluginModule(file, path.relative(cwd, file) || file, registry);

  const suites: Suite[] = [];
  for (const ref of config.suites) {
    suites.push(
      await loadSuite(ref, {
        cwd,
        baseDir: config.baseDir,
        seed: config.suiteSeed,
        limit: config.limit,
        sandbox: config.sandbox,
        suiteOptions: config.suiteOptions,
        models: { env, cache: config.cache, seed: config.seed },
        registry,
        configFile,
      }),
    );
  }
  const names = suites.map((suite) => suite.name);
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index) throw new UsageError(`suites: two suites are named "${name}"`);
  });
  for (const name of Object.keys(config.suiteOptions)) {
    if (!names.includes(name))
      throw new UsageError(
        `${configFile}: suiteOptions.${name}: no suite of this run is named "${name}".${didYouMean(name, names)} Suites: ${names.join(", ")}.`,
      );
  }

  const harnesses: ResolvedHarness[] = [];
  for (const [index, ref] of config.harnesses.entries()) {
    harnesses.push(
      await resolveHarnessRef(ref, {
        registry,
        baseDir: config.baseDir,
        where: `harnesses[${index}]`,
        workflows: config.workflows,
      }),
    );
  }
  const labels = harnesses.map((harness) => harness.label);
  labels.forEach((label, index) => {
    if (labels.indexOf(label) !== index) throw new UsageError(`harnesses: "${label}" is listed twice`);
  });
  return { registry, suites, harnesses };
}

/**
 * Everything that can be wrong with a run's input, found before any sample or any file: keys,
 * plug-in modules, suites with their options and scorers, harness variants, the sandbox. Every
 * problem is a UsageError naming the file and field.
 */
export async function prepareRun(
  config: ResolvedConfig,
  context: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<PreparedRun> {
  const { env } = context;
  checkCredentials(config.models, env);
  // Importers and built-in suites take the sandbox mode from the process-wide setting.
  configureSandbox({ mode: config.sandbox });
  const { registry, suites, harnesses } = await loadRunMatrix(config, context);
  if (suites.some((suite) => suite.sandbox)) await checkSandbox(config.sandbox);

  // MCP servers last, once everything else checked out: their tools join every suite's, and
  // their tool lists and versions go into the cache key (the same request to a model with
  // other tools behind it is not the same sample).
  const mcp = Object.keys(config.mcpServers).length
    ? await connectMcpServers(config.mcpServers, { baseDir: config.baseDir })
    : null;
  const cacheNamespace = mcp ? `mcp:${mcp.fingerprint}` : undefined;
  try {
    const withMcp = mcp ? suites.map((suite) => withTools(suite, mcp.tools)) : suites;
    const models: PlannedModel[] = config.models.map((spec) => ({
      client: createModelClient(spec, {
        seed: config.seed,
        cache: config.cache,
        env,
        ...(cacheNamespace ? { cacheNamespace } : {}),
      }),
      tier: spec.tier,
      price: priceOf(spec),
    }));
    return {
      registry,
      suites: withMcp,
      harnesses,
      models,
      mcpServers: mcp?.servers ?? [],
      close: async () => void (await mcp?.close()),
      ...(cacheNamespace ? { cacheNamespace } : {}),
    };
  } catch (error) {
    await mcp?.close();
    throw error;
  }
}

/** The suite with extra tools for every task (the suite's own come first and win a name clash). */
function withTools(suite: Suite, extra: Tool[]): Suite {
  return {
    ...suite,
    tools: (task, context) => {
      const own = suite.tools?.(task, context) ?? [];
      const names = new Set(own.map((tool) => tool.spec.name));
      return [...own, ...extra.filter((tool) => !names.has(tool.spec.name))];
    },
  };
}
