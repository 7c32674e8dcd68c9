import { z } from "zod";

// What a user writes. Every field optional; resolveConfig fills the rest from DEFAULTS.

const tierSchema = z.enum(["low", "mid", "frontier"]);

const priceSchema = z.strictObject({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheRead: z.number().nonnegative().optional(),
  cacheWrite: z.number().nonnegative().optional(),
});

const modelObjectSchema = z.strictObject({
  id: z.string().min(1),
  tier: tierSchema.optional(),
  baseURL: z.string().url().optional(),
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name")
    .optional(),
  price: priceSchema.optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  concurrency: z.number().int().positive().optional(),
  rpm: z.number().positive().optional(),
  tpm: z.number().positive().optional(),
  timeoutMs: z.number().int().positive().optional(),
});

export const modelEntrySchema = z.union([z.string().min(1), modelObjectSchema]);
export type ModelEntry = z.infer<typeof modelEntrySchema>;

const modelsSchema = z.union([
  z.array(modelEntrySchema).min(1),
  z.strictObject({
    low: z.array(modelEntrySchema).optional(),
    mid: z.array(modelEntrySchema).optional(),
    frontier: z.array(modelEntrySchema).optional(),
  }),
]);

const limitsSchema = z.strictObject({
  maxTurns: z.number().int().positive().optional(),
  maxTokens: z.number().int().positive().optional(),
  maxCostUsd: z.number().positive().nullable().optional(),
  timeoutMs: z.number().int().positive().optional(),
});

export const userConfigSchema = z.strictObject({
  suites: z.array(z.string().min(1)).min(1).optional(),
  harnesses: z.array(z.string().min(1)).min(1).optional(),
  models: modelsSchema.optional(),
  epochs: z.number().int().positive().optional(),
  concurrency: z.number().int().positive().optional(),
  /** Run seed: the simulated models' randomness and the bootstrap. */
  seed: z.number().int().optional(),
  /** Seed of generated suites, kept apart from the run seed so the task set stays fixed. */
  suiteSeed: z.number().int().optional(),
  /** Tasks per suite (the first N). */
  limit: z.number().int().positive().optional(),
  /** Results directory of this run. Default results/<run-id>. */
  out: z.string().min(1).optional(),
  resultsDir: z.string().min(1).optional(),
  limits: limitsSchema.optional(),
  cache: z
    .strictObject({ mode: z.enum(["enabled", "disabled", "only"]).optional(), dir: z.string().min(1).optional() })
    .optional(),
  sandbox: z.enum(["bwrap", "unsafe-none"]).optional(),
  /** Options of generated suites by suite name, e.g. { arith: { perLevel: 8 } }. */
  suiteOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  /** Workflows declared as data, by name; used as harness `workflow[name=...]`. */
  workflows: z.record(z.string(), z.unknown()).optional(),
  /** Analysis settings: seed, resamples, baselineHarness, reducer, thresholds. */
  analysis: z.record(z.string(), z.unknown()).optional(),
  /** Gate rules (see docs/ci.md). */
  gate: z.record(z.string(), z.unknown()).optional(),
});

export type UserConfig = z.infer<typeof userConfigSchema>;
