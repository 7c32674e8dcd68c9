import type { AnalysisOptionsInput } from "../analysis/analysis-options.js";
import type { GateConfig } from "../gate/gate-rules.js";
import type { McpServerSpec } from "../gateway/connect-mcp-servers.js";
import type { HarnessRef } from "../registry/resolve-harness-ref.js";
import type { Limits, ModelSpec } from "../types.js";
import type { Workflow } from "../../harnesses/workflow/workflow-schema.js";

/** What the code uses: every field present, filled from DEFAULTS. */
export interface ResolvedConfig {
  suites: string[];
  harnesses: HarnessRef[];
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
  /** Batch mode (see docs/cost.md). */
  batch: boolean;
  batchPollIntervalMs: number;
  batchRetry: "direct" | "batch";
  /** MCP servers whose tools every sample gets. */
  mcpServers: Record<string, McpServerSpec>;
  /** Absolute paths of the user's plug-in modules. */
  plugins: string[];
  suiteOptions: Record<string, Record<string, unknown>>;
  workflows: Record<string, Workflow>;
  analysis: AnalysisOptionsInput;
  gate: GateConfig;
  /** Cost cap of the whole run (paid USD); null for none. */
  budget: { maxCostUsd: number | null };
  /** Tasks in seeded rounds, stopping comparisons whose verdict is settled; null for a fixed-size run. */
  adaptive: { rounds: number } | null;
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
  maxCostUsd?: number;
  adaptive?: boolean;
  adaptiveRounds?: number;
  out?: string;
  cacheMode?: "enabled" | "disabled" | "only";
  cacheDir?: string;
  sandbox?: "bwrap" | "unsafe-none";
  maxTurns?: number;
  timeoutMs?: number;
  batch?: boolean;
  batchPollIntervalMs?: number;
  batchRetry?: "direct" | "batch";
}
