import path from "node:path";
import type { LoadedConfig } from "../config/config-schema.js";
import { findConfig, loadConfigFile } from "../config/load-config.js";
import { resolveConfig } from "../config/resolve-config.js";
import type { ConfigOverrides, ResolvedConfig } from "../config/resolved-config.js";
import type { CliIO } from "./cli-command.js";
import { UsageError } from "../errors.js";

export interface ConfigArgs {
  config?: string;
  suite?: string[];
  harness?: string[];
  models?: string[];
  epochs?: number;
  concurrency?: number;
  seed?: number;
  limit?: number;
  maxCost?: number;
  adaptive?: boolean;
  adaptiveRounds?: number;
  out?: string;
  cache?: boolean;
  cacheDir?: string;
  cacheOnly?: boolean;
  unsafeNoSandbox?: boolean;
  maxTurns?: number;
  timeout?: number;
  batch?: boolean;
  batchPollInterval?: number;
  batchRetry?: "direct" | "batch";
}

function checkCount(name: string, value: number | undefined, allowZero = false): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1))
    throw new UsageError(`--${name}: must be a ${allowZero ? "non-negative" : "positive"} integer, got ${value}`);
}

/** `--max-cost USD` and `--adaptive-rounds N`. */
function checkSpendArgs(args: ConfigArgs): void {
  if (args.maxCost !== undefined && !(Number.isFinite(args.maxCost) && args.maxCost > 0))
    throw new UsageError(`--max-cost: must be a positive amount in USD, got ${args.maxCost}`);
  if (
    args.adaptiveRounds !== undefined &&
    !(Number.isInteger(args.adaptiveRounds) && args.adaptiveRounds >= 2 && args.adaptiveRounds <= 20)
  )
    throw new UsageError(`--adaptive-rounds: must be an integer from 2 to 20, got ${args.adaptiveRounds}`);
  if (args.adaptive === false && args.adaptiveRounds !== undefined)
    throw new UsageError("--adaptive-rounds: given with --no-adaptive");
}

/** Config file (given or found) overridden by flags: one resolved config. */
export async function resolveConfigFromArgs(args: ConfigArgs, io: Pick<CliIO, "cwd">): Promise<ResolvedConfig> {
  checkCount("epochs", args.epochs);
  checkCount("concurrency", args.concurrency);
  checkCount("limit", args.limit);
  checkCount("max-turns", args.maxTurns);
  checkCount("timeout", args.timeout);
  checkCount("seed", args.seed, true);
  checkSpendArgs(args);
  checkCount("batch-poll-interval", args.batchPollInterval);
  const configPath = args.config ? path.resolve(io.cwd, args.config) : findConfig(io.cwd);
  const user: LoadedConfig = configPath ? await loadConfigFile(configPath, io.cwd) : {};
  const overrides: ConfigOverrides = {
    ...(args.suite ? { suites: args.suite } : {}),
    ...(args.harness ? { harnesses: args.harness } : {}),
    ...(args.models ? { models: args.models } : {}),
    ...(args.epochs !== undefined ? { epochs: args.epochs } : {}),
    ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
    ...(args.limit !== undefined ? { limit: args.limit } : {}),
    ...(args.maxCost !== undefined ? { maxCostUsd: args.maxCost } : {}),
    ...(args.adaptive !== undefined ? { adaptive: args.adaptive } : {}),
    ...(args.adaptiveRounds !== undefined ? { adaptiveRounds: args.adaptiveRounds } : {}),
    ...(args.out !== undefined ? { out: args.out } : {}),
    ...(args.cacheOnly
      ? { cacheMode: "only" as const }
      : args.cache === false
        ? { cacheMode: "disabled" as const }
        : {}),
    ...(args.cacheDir !== undefined ? { cacheDir: args.cacheDir } : {}),
    ...(args.unsafeNoSandbox ? { sandbox: "unsafe-none" as const } : {}),
    ...(args.maxTurns !== undefined ? { maxTurns: args.maxTurns } : {}),
    ...(args.timeout !== undefined ? { timeoutMs: args.timeout } : {}),
    ...(args.batch !== undefined ? { batch: args.batch } : {}),
    ...(args.batchPollInterval !== undefined ? { batchPollIntervalMs: args.batchPollInterval } : {}),
    ...(args.batchRetry !== undefined ? { batchRetry: args.batchRetry } : {}),
  };
  return resolveConfig(user, overrides, { configPath, cwd: io.cwd });
}
