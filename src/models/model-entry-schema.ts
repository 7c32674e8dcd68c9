import { z } from "zod";

// A model as a config writes it: `provider:model` (optionally `tier=provider:model`), or an
// object with its endpoint, key variable, price, tier and capability.

export const tierSchema = z.enum(["low", "mid", "frontier"]);

export const priceSchema = z.strictObject({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheRead: z.number().nonnegative().optional(),
  cacheWrite: z.number().nonnegative().optional(),
});

export const modelObjectSchema = z.strictObject({
  id: z.string().min(1),
  tier: tierSchema.optional(),
  /** A numeric capability (e.g. a benchmark score or release order): the elasticity's x axis. */
  capability: z.number().optional(),
  baseURL: z.url().optional(),
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name")
    .optional(),
  price: priceSchema.optional(),
  /** Provider options passed through (e.g. temperature), checked against the provider's list. */
  options: z.record(z.string(), z.unknown()).optional(),
  concurrency: z.int().positive().optional(),
  rpm: z.number().positive().optional(),
  tpm: z.number().positive().optional(),
  timeoutMs: z.int().positive().optional(),
});

export const modelEntrySchema = z.union([z.string().min(1), modelObjectSchema]);
export type ModelEntry = z.infer<typeof modelEntrySchema>;
