import path from "node:path";
import { UsageError } from "../errors.js";
import type { ModelSpec, Tier } from "../types.js";
import type { ModelEntry, UserConfig } from "./config-schema.js";
import { DEFAULTS } from "./defaults.js";
import type { ConfigOverrides, ResolvedConfig } from "./resolved-config.js";

function simTier(id: string): Tier | undefined {
  const match = /^sim:(low|mid|frontier)$/.exec(id);
  return match ? (match[1] as Tier) : undefined;
}

/** A model given as a string: `provider:model`, or `tier=provider:model` (handy on the command line). */
function parseModelString(entry: string): { id: string; tier?: Tier } {
  const match = /^(low|mid|frontier)=(.+)$/.exec(entry);
  return match ? { id: match[2]!, tier: match[1] as Tier } : { id: entry };
}

function toModelSpec(entry: ModelEntry, tier: Tier | undefined, where: string): ModelSpec {
  const spec = typeof entry === "string" ? parseModelString(entry) : entry;
  const resolvedTier = tier ?? spec.tier ?? simTier(spec.id);
  if (!resolvedTier) {
    throw new UsageError(
      `${where}.tier: required for "${spec.id}"; write ${where === "--models" || where.startsWith("--models[") ? `low=${spec.id} (or mid=, frontier=)` : "{ id, tier: low|mid|frontier } or list models under models.low/mid/frontier"}`,
    );
  }
  if (!spec.id.includes(":"))
    throw new UsageError(`${where}.id: "${spec.id}" must be provider:model, e.g. openai:gpt-5-mini or sim:low`);
  return { ...spec, tier: resolvedTier };
}

export function resolveModels(models: UserConfig["models"] | string[], where: string): ModelSpec[] {
  const input = models ?? [...DEFAULTS.models];
  if (Array.isArray(input)) return input.map((entry, index) => toModelSpec(entry, undefined, `${where}[${index}]`));
  const specs: ModelSpec[] = [];
  for (const tier of ["low", "mid", "frontier"] as const) {
    (input[tier] ?? []).forEach((entry, index) => specs.push(toModelSpec(entry, tier, `${where}.${tier}[${index}]`)));
  }
  if (specs.length === 0) throw new UsageError(`${where}: no models; list at least one`);
  return specs;
}

export function resolveConfig(
  user: UserConfig,
  overrides: ConfigOverrides,
  context: { configPath: string | null; cwd: string },
): ResolvedConfig {
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
    suiteOptions: user.suiteOptions ?? {},
    workflows: user.workflows ?? {},
    analysis: user.analysis ?? {},
    gate: user.gate ?? {},
    baseDir,
    configPath: context.configPath,
  };
}
