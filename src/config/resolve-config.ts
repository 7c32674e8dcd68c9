import path from "node:path";
import { UsageError } from "../errors.js";
import { didYouMean } from "../did-you-mean.js";
import { TIERS, type ModelSpec, type Tier } from "../types.js";
import { checkConfigEntries, checkHarnessEntry, checkModelSpec } from "./check-config.js";
import { parseOrThrow } from "../format-zod-issues.js";
import { userConfigSchema, type LoadedConfig, type ModelEntry, type UserConfig } from "./config-schema.js";
import { DEFAULTS } from "./defaults.js";
import type { ConfigOverrides, ResolvedConfig } from "./resolved-config.js";

function simTier(id: string): Tier | undefined {
  const match = /^sim:(low|mid|frontier)$/.exec(id);
  return match ? (match[1] as Tier) : undefined;
}

/** A model given as a string: `provider:model`, or `tier=provider:model` (handy on the command line). */
function parseModelString(entry: string, where: string): { id: string; tier?: Tier } {
  const match = /^([A-Za-z][\w-]*)=(.+)$/.exec(entry);
  if (!match) return { id: entry };
  const tier = match[1]!;
  if (!(TIERS as readonly string[]).includes(tier))
    throw new UsageError(
      `${where}: "${tier}" in "${entry}" is not a tier;${didYouMean(tier, TIERS).replace(/^ Did/, " did")} write ${TIERS.map((name) => `${name}=${match[2]}`).join(", ")} (or give the model a capability in the config)`,
    );
  return { id: match[2]!, tier: tier as Tier };
}

function toModelSpec(entry: ModelEntry, tier: Tier | undefined, where: string): ModelSpec {
  const spec = typeof entry === "string" ? parseModelString(entry, where) : entry;
  if (!spec.id.includes(":"))
    throw new UsageError(`${where}.id: "${spec.id}" must be provider:model, e.g. openai:gpt-5-mini or sim:low`);
  checkModelSpec(spec, where);
  const resolvedTier = tier ?? spec.tier ?? simTier(spec.id);
  if (!resolvedTier) {
    throw new UsageError(
      `${where}.tier: required for "${spec.id}"; write ${where === "--models" || where.startsWith("--models[") ? `low=${spec.id} (or mid=, frontier=)` : "{ id, tier: low|mid|frontier } or list models under models.low/mid/frontier"}`,
    );
  }
  return { ...spec, tier: resolvedTier };
}

export function resolveModels(models: LoadedConfig["models"] | string[], where: string): ModelSpec[] {
  const input = models ?? [...DEFAULTS.models];
  if (Array.isArray(input)) return input.map((entry, index) => toModelSpec(entry, undefined, `${where}[${index}]`));
  const specs: ModelSpec[] = [];
  for (const tier of ["low", "mid", "frontier"] as const) {
    (input[tier] ?? []).forEach((entry, index) => specs.push(toModelSpec(entry, tier, `${where}.${tier}[${index}]`)));
  }
  if (specs.length === 0) throw new UsageError(`${where}: no models; list at least one`);
  return specs;
}

/**
 * The config a run uses: the user's config (checked against the schema, so a library caller gets
 * the same errors as a config file) overridden by flags, with every default filled in.
 */
export function resolveConfig(
  input: UserConfig | LoadedConfig,
  overrides: ConfigOverrides,
  context: { configPath: string | null; cwd: string },
): ResolvedConfig {
  const file = context.configPath ? path.relative(context.cwd, context.configPath) || context.configPath : "config";
  const user = parseOrThrow(userConfigSchema, input, file);
  const baseDirOfFile = context.configPath ? path.dirname(context.configPath) : context.cwd;
  checkConfigEntries(user, { file, baseDir: baseDirOfFile });
  const where = context.configPath
    ? `${path.relative(context.cwd, context.configPath) || context.configPath}: models`
    : "--models";
  const baseDir = context.configPath ? path.dirname(context.configPath) : context.cwd;
  const models = overrides.models ? resolveModels(overrides.models, "--models") : resolveModels(user.models, where);
  const ids = new Set<string>();
  for (const model of models) {
    if (ids.has(model.id)) throw new UsageError(`${where}: "${model.id}" is listed twice`);
    ids.add(model.id);
  }
  const limits = {
    ...DEFAULTS.limits,
    ...user.limits,
    ...(overrides.maxTurns !== undefined ? { maxTurns: overrides.maxTurns } : {}),
    ...(overrides.timeoutMs !== undefined ? { timeoutMs: overrides.timeoutMs } : {}),
  };
  const workflows = user.workflows ?? {};
  overrides.harnesses?.forEach((entry) => checkHarnessEntry(entry, "--harness", workflows));
  const out = overrides.out ?? user.out;
  return {
    suites: overrides.suites ?? user.suites ?? [...DEFAULTS.suites],
    harnesses: overrides.harnesses ?? user.harnesses ?? [...DEFAULTS.harnesses],
    models,
    epochs: overrides.epochs ?? user.epochs ?? DEFAULTS.epochs,
    concurrency: overrides.concurrency ?? user.concurrency ?? DEFAULTS.concurrency,
    seed: overrides.seed ?? user.seed ?? DEFAULTS.seed,
    suiteSeed: user.suiteSeed ?? DEFAULTS.suiteSeed,
    limit: overrides.limit ?? user.limit ?? null,
    out: out ? path.resolve(overrides.out ? context.cwd : baseDir, out) : null,
    resultsDir: path.resolve(baseDir, user.resultsDir ?? DEFAULTS.resultsDir),
    limits: { ...limits, maxCostUsd: limits.maxCostUsd ?? null },
    cache: {
      mode: overrides.cacheMode ?? user.cache?.mode ?? "enabled",
      dir: path.resolve(
        overrides.cacheDir ? context.cwd : baseDir,
        overrides.cacheDir ?? user.cache?.dir ?? DEFAULTS.cacheDir,
      ),
    },
    sandbox: overrides.sandbox ?? user.sandbox ?? "bwrap",
    batch: overrides.batch ?? user.batch ?? false,
    batchPollIntervalMs: overrides.batchPollIntervalMs ?? user.batchPollIntervalMs ?? DEFAULTS.batchPollIntervalMs,
    batchRetry: overrides.batchRetry ?? user.batchRetry ?? "batch",
    mcpServers: user.mcpServers ?? {},
    plugins: (user.plugins ?? []).map((file) => path.resolve(baseDir, file)),
    suiteOptions: user.suiteOptions ?? {},
    workflows,
    analysis: user.analysis ?? {},
    gate: user.gate ?? {},
    budget: { maxCostUsd: overrides.maxCostUsd ?? user.budget?.maxCostUsd ?? null },
    adaptive: resolveAdaptive(user.adaptive, overrides),
    baseDir,
    configPath: context.configPath,
  };
}

/** `adaptive: true | { rounds }` or the flags; null for a fixed-size run. */
function resolveAdaptive(
  user: LoadedConfig["adaptive"],
  overrides: Pick<ConfigOverrides, "adaptive" | "adaptiveRounds">,
): { rounds: number } | null {
  const on =
    overrides.adaptive ??
    (overrides.adaptiveRounds !== undefined ? true : undefined) ??
    (user !== undefined && user !== false);
  if (!on) return null;
  const fromFile = typeof user === "object" ? user.rounds : undefined;
  return { rounds: overrides.adaptiveRounds ?? fromFile ?? DEFAULTS.adaptiveRounds };
}
