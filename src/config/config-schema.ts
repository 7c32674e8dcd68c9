import { z } from "zod";
import { analysisOptionsSchema } from "../analysis/analysis-options.js";
import { gateConfigSchema } from "../gate/gate-rules.js";
import { modelEntrySchema } from "../models/model-entry-schema.js";
import { workflowSchema } from "../../harnesses/workflow/workflow-schema.js";
import type { HarnessEntry, SuiteOptionsConfig } from "./builtin-option-types.js";

// What a user writes: every field optional; resolveConfig fills the rest from DEFAULTS. The
// sections owned by other parts (analysis, gate, workflows) are their own schemas composed in,
// so the whole file is checked in one pass and every problem names its field.

export { modelEntrySchema, type ModelEntry } from "../models/model-entry-schema.js";

const modelsSchema = z.union([
  z.array(modelEntrySchema).min(1),
  z.strictObject({
    low: z.array(modelEntrySchema).optional(),
    mid: z.array(modelEntrySchema).optional(),
    frontier: z.array(modelEntrySchema).optional(),
  }),
]);

const limitsSchema = z.strictObject({
  maxTurns: z.int().positive().optional(),
  maxTokens: z.int().positive().optional(),
  maxCostUsd: z.number().positive().nullable().optional(),
  timeoutMs: z.int().positive().optional(),
});

/** A harness in object form: typed options instead of `name[key=value]`. */
export const harnessObjectSchema = z.strictObject({
  harness: z.string().min(1),
  options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  label: z.string().min(1).optional(),
});

/** Your own harness in any language: a command capbench starts per sample (docs/external-harness.md). */
export const externalHarnessSchema = z.strictObject({
  name: z.string().min(1),
  /** Program and arguments, no shell; a relative program path resolves from the config's folder. */
  command: z.array(z.string().min(1)).min(1),
  /** Extra environment for the command (never a provider key: those are removed). */
  env: z.record(z.string(), z.string()).optional(),
  description: z.string().optional(),
});

export const harnessEntrySchema = z.union([z.string().min(1), harnessObjectSchema, externalHarnessSchema]);

/** An MCP server whose tools built-in agents may use: a command (stdio) or a URL (streamable HTTP). */
export const mcpServerSchema = z.union([
  z.strictObject({
    command: z.string().min(1),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    cwd: z.string().optional(),
  }),
  z.strictObject({ url: z.url(), headers: z.record(z.string(), z.string()).optional() }),
]);

export const userConfigSchema = z.strictObject({
  suites: z.array(z.string().min(1)).min(1).optional(),
  harnesses: z.array(harnessEntrySchema).min(1).optional(),
  models: modelsSchema.optional(),
  epochs: z.int().positive().optional(),
  concurrency: z.int().positive().optional(),
  /** Run seed: the simulated models' randomness and the bootstrap. */
  seed: z.int().optional(),
  /** Seed of generated suites, kept apart from the run seed so the task set stays fixed. */
  suiteSeed: z.int().optional(),
  /** Tasks per suite (the first N). */
  limit: z.int().positive().optional(),
  /** Results directory of this run. Default results/<run-id>. */
  out: z.string().min(1).optional(),
  resultsDir: z.string().min(1).optional(),
  limits: limitsSchema.optional(),
  cache: z
    .strictObject({ mode: z.enum(["enabled", "disabled", "only"]).optional(), dir: z.string().min(1).optional() })
    .optional(),
  sandbox: z.enum(["bwrap", "unsafe-none"]).optional(),
  /** Send prompt and workflow calls to openai:/anthropic: models through their batch APIs (half price, slower). */
  batch: z.boolean().optional(),
  /** How often a batch's status is polled, ms (default 30000). */
  batchPollIntervalMs: z.int().positive().optional(),
  /** What to do with requests that failed inside a batch: a new batch (default) or a direct call. */
  batchRetry: z.enum(["direct", "batch"]).optional(),
  /** MCP servers by name; their tools are given to every sample beside the suite's tools. */
  mcpServers: z.record(z.string(), mcpServerSchema).optional(),
  /** Modules of your own plug-ins (harnesses, scorers, suites, importers), registered by name. */
  plugins: z.array(z.string().min(1)).optional(),
  /** Options of generated suites by suite name, e.g. { arith: { perLevel: 8 } }; checked against each suite's schema. */
  suiteOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  /** Workflows declared as data, by name; used as harness `workflow[workflow=name]`. */
  workflows: z.record(z.string(), workflowSchema).optional(),
  /** Analysis settings (see docs/statistics.md). */
  analysis: analysisOptionsSchema.optional(),
  /** Gate rules (see docs/ci.md). */
  gate: gateConfigSchema.optional(),
  /** Cost cap of the whole run, USD paid (docs/cost-control.md); `--max-cost`. */
  budget: z.strictObject({ maxCostUsd: z.number().positive().optional() }).optional(),
  /** Stop spending samples on comparisons whose verdict is settled (docs/statistics.md §12); `--adaptive`. */
  adaptive: z.union([z.boolean(), z.strictObject({ rounds: z.int().min(2).max(20).optional() })]).optional(),
});

type ParsedConfig = z.input<typeof userConfigSchema>;

/** A config file after parsing (defaults of nested schemas filled in). */
export type LoadedConfig = z.output<typeof userConfigSchema>;

/**
 * What `defineConfig` accepts: the schema's shape, with the built-in harnesses' variant options
 * and the built-in suites' options typed (an editor completes them).
 */
export type UserConfig = Omit<ParsedConfig, "harnesses" | "suiteOptions"> & {
  harnesses?: HarnessEntry[];
  suiteOptions?: SuiteOptionsConfig;
};
