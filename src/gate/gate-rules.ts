import path from "node:path";
import { z } from "zod";
import { formatZodIssues } from "../format-zod-issues.js";
import { UsageError } from "../errors.js";
import type { Tier } from "../types.js";

// `gate:` in capbench.config.*, as a user writes it. Every rule is optional; see docs/ci.md.

const share = z.number().min(0).max(1);

const minScoreSchema = z.strictObject({
  /** Omitted: every suite (harness, tier) of the run. */
  suite: z.string().min(1).optional(),
  harness: z.string().min(1).optional(),
  tier: z.enum(["low", "mid", "frontier"]).optional(),
  min: share,
});

export const gateConfigSchema = z.strictObject({
  /** Mean score over tasks at a tier must be at least `min`. */
  minScore: z.array(minScoreSchema).optional(),
  /** Baseline results directory or summary.json, relative to the config file. */
  baseline: z.string().min(1).optional(),
  /** Largest tolerated drop per (suite, harness, model) against the baseline, judged on the paired interval. Default 0. */
  maxDrop: share.optional(),
  /** Harnesses that must scale (no flat, ceiling or regressing flag); `true` for all. */
  requireScaling: z.union([z.boolean(), z.array(z.string().min(1)).min(1)]).optional(),
  /** Largest share of errored samples per (suite, harness, model). */
  maxErrorRate: share.optional(),
  /** Largest total cost of the run, US dollars. */
  maxCostUsd: z.number().nonnegative().optional(),
  /** Largest mean cost of one attempt at one task per (suite, harness, model), US dollars. */
  maxCostPerTaskUsd: z.number().nonnegative().optional(),
  /** Family-wise error rate of the baseline comparisons (split over them, Bonferroni). Default 0.05. */
  alpha: z.number().gt(0).lt(1).optional(),
});

export type GateConfig = z.infer<typeof gateConfigSchema>;

export interface MinScoreRule {
  suite: string | null;
  harness: string | null;
  tier: Tier | null;
  min: number;
  /** Where the rule came from, for messages: `capbench.config.yaml: gate.minScore[0]` or `--min-score`. */
  origin: string;
}

/** What the gate evaluates: every field present; null means the rule is off. */
export interface GateRules {
  minScore: MinScoreRule[];
  /** Absolute path of the baseline directory or summary.json. */
  baseline: string | null;
  maxDrop: number | null;
  /** Harness labels, or "all". */
  requireScaling: string[] | "all" | null;
  maxErrorRate: number | null;
  maxCostUsd: number | null;
  maxCostPerTaskUsd: number | null;
  alpha: number;
}

export const NO_GATE_RULES: GateRules = {
  minScore: [],
  baseline: null,
  maxDrop: null,
  requireScaling: null,
  maxErrorRate: null,
  maxCostUsd: null,
  maxCostPerTaskUsd: null,
  alpha: 0.05,
};

/**
 * Validates `gate:` from a config file. Problems name the file and the field, e.g.
 * `capbench.config.yaml: gate.minScore[0].tier: Invalid option…`.
 */
export function parseGateConfig(raw: unknown, context: { file: string; baseDir: string }): GateRules {
  const parsed = gateConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new UsageError(formatZodIssues(context.file, parsed.error, { schema: gateConfigSchema, prefix: "gate" }));
  }
  const config = parsed.data;
  return {
    minScore: (config.minScore ?? []).map((rule, index) => ({
      suite: rule.suite ?? null,
      harness: rule.harness ?? null,
      tier: rule.tier ?? null,
      min: rule.min,
      origin: `${context.file}: gate.minScore[${index}]`,
    })),
    baseline: config.baseline ? path.resolve(context.baseDir, config.baseline) : null,
    maxDrop: config.maxDrop ?? null,
    requireScaling:
      config.requireScaling === true
        ? "all"
        : config.requireScaling === false || config.requireScaling === undefined
          ? null
          : config.requireScaling,
    maxErrorRate: config.maxErrorRate ?? null,
    maxCostUsd: config.maxCostUsd ?? null,
    maxCostPerTaskUsd: config.maxCostPerTaskUsd ?? null,
    alpha: config.alpha ?? NO_GATE_RULES.alpha,
  };
}

/** True when at least one rule is on. */
export function hasGateRules(rules: GateRules): boolean {
  return (
    rules.minScore.length > 0 ||
    rules.baseline !== null ||
    rules.requireScaling !== null ||
    rules.maxErrorRate !== null ||
    rules.maxCostUsd !== null ||
    rules.maxCostPerTaskUsd !== null
  );
}
