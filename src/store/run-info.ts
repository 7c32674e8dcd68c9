import { z } from "zod";

/**
 * `running` while a process writes; `complete`; `incomplete` (a model, tier or harness produced
 * no scored sample: exit 3); `interrupted` (Ctrl-C: resumable); `partial` (a shard, or stopped
 * early by a budget or an adaptive stop; see `partialReason`).
 */
export const RUN_STATUSES = ["running", "complete", "incomplete", "interrupted", "partial"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Known reasons of a `partial` run; other parts may record their own. */
export type PartialReason = "shard" | "budget" | "adaptive-stop" | (string & {});

const count = z.number().int().min(0);

/** A harness as the config names it: `prompt[cot=true]`, `{ harness, options?, label? }`, or `{ name, command, env? }`. */
const harnessRefSchema = z.union([
  z.string(),
  z.looseObject({ harness: z.string() }),
  z.looseObject({ name: z.string(), command: z.array(z.string()) }),
]);

/** What a run's config records about a model: at least its id and tier (the rest passes through). */
const modelSchema = z.looseObject({ id: z.string(), tier: z.enum(["low", "mid", "frontier"]) });

/**
 * The config as run.json records it. Only the fields readers use are checked; the rest passes
 * through untouched (it is the resolved config of a run, or a `score` description).
 */
const configSchema = z.looseObject({
  suites: z.array(z.string()).optional(),
  harnesses: z.array(harnessRefSchema).optional(),
  models: z.array(modelSchema).optional(),
  epochs: count.optional(),
  seed: z.number().optional(),
  analysis: z.record(z.string(), z.unknown()).optional(),
  gate: z.record(z.string(), z.unknown()).optional(),
  baseDir: z.string().optional(),
  command: z.string().optional(),
});

const shardSchema = z.object({ index: z.number().int().min(1), count: z.number().int().min(1) });

/** A model, tier or harness that produced no scored sample (the reason a run is `incomplete`). */
const noDataSchema = z.object({
  kind: z.enum(["model", "tier", "harness"]),
  name: z.string(),
  samples: count,
  errors: count,
  /** The first error message of its samples. */
  firstError: z.string().optional(),
});

/**
 * run.json. Every field but `runId` is optional so that older files (and hand-made or synthetic
 * ones) still read; unknown fields pass through.
 */
export const runInfoSchema = z.looseObject({
  runId: z.string(),
  status: z.enum(RUN_STATUSES).optional(),
  partialReason: z.string().optional(),
  config: configSchema.default({}),
  versions: z.looseObject({ capbench: z.string(), node: z.string() }).optional(),
  gitCommit: z.string().nullable().optional(),
  startedAt: z.string().nullable().optional(),
  endedAt: z.string().nullable().optional(),
  shard: shardSchema.nullable().optional(),
  counts: z.object({ planned: count, done: count, errors: count }).optional(),
  warnings: z.array(z.string()).optional(),
  noData: z.array(noDataSchema).optional(),
  mergedFrom: z.array(z.object({ dir: z.string(), runId: z.string(), shard: shardSchema })).optional(),
});

export type RunInfo = z.output<typeof runInfoSchema>;
export type RunConfigRecord = RunInfo["config"];
export type NoData = z.output<typeof noDataSchema>;
