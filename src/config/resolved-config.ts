import type { Limits, ModelSpec } from "../types.js";

/** What the code uses: every field present, filled from DEFAULTS. */
export interface ResolvedConfig {
  suites: string[];
  harnesses: string[];
  models: ModelSpec[];
  epochs: number;
  concurrency: number;
  seed: number;
  suiteSeed: number;
  limit: number | null;
  /** Results directory of this run, or null for results/<run-id>. */
  out: string | null;
  resultsDir: string;
  limits: Limits;
  cache: { mode: "enabled" | "disabled" | "only"; dir: string };
  sandbox: "bwrap" | "unsafe-none";
  suiteOptions: Record<string, Record<string, unknown>>;
  workflows: Record<string, unknown>;
  analysis: Record<string, unknown>;
  gate: Record<string, unknown>;
  /** Directory relative paths in the config are resolved against. */
  baseDir: string;
  /** The config file used, if any. */
  configPath: string | null;
}

/** Flags that override the config file. Undefined means "not given". */
export interface ConfigOverrides {
  suites?: string[];
  harnesses?: string[];
  models?: string[];
  epochs?: number;
  concurrency?: number;
  seed?: number;
  limit?: number;
  out?: string;
  cacheMode?: "enabled" | "disabled" | "only";
  cacheDir?: string;
  sandbox?: "bwrap" | "unsafe-none";
  maxTurns?: number;
  timeoutMs?: number;
}
