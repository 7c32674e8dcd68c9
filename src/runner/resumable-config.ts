import path from "node:path";
import { z } from "zod";
import type { ResolvedConfig } from "../config/resolved-config.js";
import { UsageError } from "../errors.js";
import { formatZodIssues } from "../format-zod-issues.js";
import { RUN_FILE, type RunInfo } from "../store/index.js";
import { holdsRedacted } from "./public-config.js";

const count = z.number().int().min(0);

/** What a resume needs from the resolved config run.json recorded (the rest passes through). */
const resumableSchema = z.looseObject({
  suites: z.array(z.string()).min(1),
  harnesses: z.array(z.union([z.string(), z.looseObject({ harness: z.string() })])).min(1),
  models: z.array(z.looseObject({ id: z.string(), tier: z.enum(["low", "mid", "frontier"]) })).min(1),
  epochs: z.number().int().min(1),
  seed: z.number(),
  suiteSeed: z.number(),
  limit: count.nullable(),
  limits: z.looseObject({ maxTurns: count, maxTokens: count, maxCostUsd: z.number().nullable(), timeoutMs: count }),
  cache: z.looseObject({ mode: z.enum(["enabled", "disabled", "only"]), dir: z.string() }),
  sandbox: z.enum(["bwrap", "unsafe-none"]),
  baseDir: z.string(),
});

/**
 * The config to finish a run with: the one it started with (run.json), so the samples it adds
 * match those it has. Fields run.json lacks (written by an older version) come from `current`,
 * as do the concurrency, a `--max-cost` given now, and, per model id, the model settings (run.json has credentials and
 * secret options removed). A model whose recorded options had a secret removed must be in the
 * current config.
 */
export function resumableConfig(dir: string, previous: RunInfo, current: ResolvedConfig): ResolvedConfig {
  const checked = resumableSchema.safeParse(previous.config);
  if (!checked.success)
    throw new UsageError(
      `${formatZodIssues(path.join(dir, RUN_FILE), checked.error, { prefix: "config" })}\n(--resume needs the config the run started with)`,
    );
  const stored = { ...current, ...(checked.data as unknown as ResolvedConfig) };
  const models = stored.models.map((model) => {
    const now = current.models.find((candidate) => candidate.id === model.id);
    // Today's settings (credentials, endpoints), but a price or capability the run started with
    // stays unless today's config gives one: a resume without --config must not re-price the run.
    if (now)
      return {
        ...now,
        ...(now.price === undefined && model.price !== undefined ? { price: model.price } : {}),
        ...(now.capability === undefined && model.capability !== undefined ? { capability: model.capability } : {}),
      };
    if (holdsRedacted(model.options))
      throw new UsageError(
        `--resume ${dir}: model ${model.id} had a secret in its options, which run.json does not keep; resume with the config file that defines it (--config)`,
      );
    return model;
  });
  return {
    ...stored,
    models,
    concurrency: current.concurrency,
    // `--resume DIR --max-cost <higher>` raises the cap; without it the run keeps its own.
    budget: current.budget?.maxCostUsd != null ? current.budget : (stored.budget ?? { maxCostUsd: null }),
    // A batch run resumes in batch mode (it re-attaches to its batches); the poll interval is today's.
    batch: stored.batch === true || current.batch,
    batchPollIntervalMs: current.batchPollIntervalMs,
  };
}
