import path from "node:path";
import { UsageError } from "../errors.js";
import { TIERS, type Tier } from "../types.js";
import type { GateRules, MinScoreRule } from "./gate-rules.js";

/** Rules given on the command line; each one given replaces the config's field of the same name. */
export interface GateFlags {
  minScore?: string[];
  baseline?: string;
  maxDrop?: number;
  /** [] means every harness. */
  requireScaling?: string[];
  maxErrorRate?: number;
  maxCost?: number;
  maxCostPerTask?: number;
  alpha?: number;
}

/**
 * `--min-score 0.8` (every cell), `frontier=0.8`, `prompt/frontier=0.8` or
 * `arith/prompt/frontier=0.8`; `*` matches anything.
 */
export function parseMinScoreFlag(text: string): MinScoreRule {
  const origin = `--min-score ${text}`;
  const split = text.lastIndexOf("=");
  const selector = split === -1 ? "" : text.slice(0, split).trim();
  const min = Number(split === -1 ? text : text.slice(split + 1));
  if (!Number.isFinite(min) || min < 0 || min > 1 || (split === -1 ? text : text.slice(split + 1)).trim() === "") {
    throw new UsageError(`${origin}: the minimum must be a score between 0 and 1, e.g. --min-score frontier=0.8`);
  }
  const parts = selector === "" ? [] : selector.split("/").map((part) => part.trim());
  if (parts.length > 3) throw new UsageError(`${origin}: expected [[suite/]harness/]tier=min`);
  const [tier, harness, suite] = [...parts].reverse();
  const any = (value: string | undefined) => (value === undefined || value === "*" || value === "" ? null : value);
  const tierValue = any(tier);
  if (tierValue !== null && !TIERS.includes(tierValue as Tier))
    throw new UsageError(`${origin}: tier "${tierValue}" is not one of ${TIERS.join(", ")}`);
  return { suite: any(suite), harness: any(harness), tier: tierValue as Tier | null, min, origin };
}

function share(value: number | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new UsageError(`${flag} ${value}: must be between 0 and 1`);
  return value;
}

function dollars(value: number | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value < 0)
    throw new UsageError(`${flag} ${value}: must be a non-negative number of US dollars`);
  return value;
}

/** Config rules overridden by flags. Paths in flags are relative to `cwd`. */
export function applyGateFlags(rules: GateRules, flags: GateFlags, cwd: string): GateRules {
  const maxDrop = share(flags.maxDrop, "--max-drop");
  const maxErrorRate = share(flags.maxErrorRate, "--max-error-rate");
  const maxCost = dollars(flags.maxCost, "--max-cost");
  const maxCostPerTask = dollars(flags.maxCostPerTask, "--max-cost-per-task");
  if (flags.alpha !== undefined && !(flags.alpha > 0 && flags.alpha < 1))
    throw new UsageError(`--alpha ${flags.alpha}: must be between 0 and 1`);
  return {
    minScore: flags.minScore?.length ? flags.minScore.map(parseMinScoreFlag) : rules.minScore,
    baseline: flags.baseline ? path.resolve(cwd, flags.baseline) : rules.baseline,
    maxDrop: maxDrop ?? rules.maxDrop,
    requireScaling: flags.requireScaling
      ? flags.requireScaling.length === 0
        ? "all"
        : flags.requireScaling
      : rules.requireScaling,
    maxErrorRate: maxErrorRate ?? rules.maxErrorRate,
    maxCostUsd: maxCost ?? rules.maxCostUsd,
    maxCostPerTaskUsd: maxCostPerTask ?? rules.maxCostPerTaskUsd,
    alpha: flags.alpha ?? rules.alpha,
  };
}
