// The library entry: everything the CLI does is a call here.
export { run, type RunOptions, type RunOutcome } from "./runner/run.js";
export { defineConfig } from "./config/define-config.js";
export { defineSuite } from "./config/define-suite.js";
export { defineScorer, type DefinedScorer, type ScorerDefinition } from "./registry/define-scorer.js";
export { defineImporter, type ImporterDefinition } from "./registry/define-importer.js";
export { loadSuite } from "./config/load-suite.js";
export { resolveConfig } from "./config/resolve-config.js";
export { loadConfigFile, findConfig } from "./config/load-config.js";
export { createModelClient } from "./models/create-model-client.js";
export { summarizeRun } from "./analysis/summarize-run.js";
export { writeReports } from "./report/write-reports.js";
export { rebuildReports } from "./report/rebuild-reports.js";
export { compareRuns } from "./report/compare-runs.js";
export { planRun, type RunPlan, type PlanMatrix, type PlanOptions } from "./analysis/plan-run.js";
export { planCost, type PlanCostVariant } from "./analysis/plan-cost.js";
export { readPilotProfile } from "./analysis/pilot-profile.js";
export { runGate, type RunGateOptions, type GateOutcome } from "./runner/run-gate.js";
export { mergeRuns } from "./merge/merge-runs.js";
export { scoreCompletions } from "./runner/score-completions.js";
export { importInspectLogs } from "./interop/inspect/import-inspect-logs.js";
export { exportInspectLogs } from "./interop/inspect/export-inspect-logs.js";
export { createOtelExporter, type SampleObserver } from "./interop/otel/create-otel-exporter.js";
export { otelSettings, type OtelSettings } from "./interop/otel/otel-settings.js";
export { observerReporter } from "./interop/otel/observer-reporter.js";
// The results directory, read as capbench reads it (validated run.json, de-duplicated samples).
export { readRunInfo, readSamples, readTrace, RUN_STATUSES, type RunInfo, type RunStatus } from "./store/index.js";
export { createSimModel } from "./models/sim/sim-model.js";
export { runInSandbox, checkSandbox, configureSandbox } from "./sandbox/index.js";
export { UsageError, RunError, GateFailedError, ProviderError } from "./errors.js";
export { TIERS, STOP_REASONS, HARNESS_LIMIT_REASONS } from "./types.js";
export type { ProviderFatal } from "./errors.js";
export type { UserConfig } from "./config/config-schema.js";
export type { ResolvedConfig } from "./config/resolved-config.js";
export type { Summary } from "./analysis/summary-types.js";
export type * from "./types.js";

// The harness kit: write a harness, and test it without a run.
export {
  defineHarness,
  HarnessLimitError,
  runHarnessOnTask,
  createScriptedModel,
  type HarnessDefinition,
  type RunHarnessOnTaskOptions,
  type HarnessRunResult,
  type Script,
  type ScriptedCall,
  type ScriptedModel,
  type ScriptedReply,
} from "./harness-kit/index.js";

// The registry of plug-ins, and the built-ins in it.
export { Registry } from "./registry/registry.js";
export { builtinRegistry } from "./registry/builtin-registry.js";
export { createScorer } from "./registry/create-scorer.js";
export type {
  PluginKind,
  HarnessPlugin,
  ScorerPlugin,
  SuitePlugin,
  ImporterPlugin,
  ProviderPlugin,
  ScorerContext,
} from "./registry/plugin-types.js";
export {
  exactScorer,
  includesScorer,
  numericScorer,
  regexScorer,
  codeTestsScorer,
  toolCallsScorer,
  jsonSchemaScorer,
  rubricScorer,
} from "../scorers/index.js";
export { builtinSuites } from "../suites/index.js";
export { builtinHarnesses } from "../harnesses/index.js";

// External harnesses: any command behind the recording model gateway; MCP servers as tools.
export { createExternalHarness, type ExternalHarnessOptions } from "../harnesses/external-harness.js";
export { parseExecRef } from "../harnesses/external-process/parse-exec-ref.js";
export { acquireGateway, closeSharedGateway, type GatewayLease } from "./gateway/shared-gateway.js";
export {
  connectMcpServers,
  type McpServerSpec,
  type McpConnection,
  type McpServerInfo,
} from "./gateway/connect-mcp-servers.js";
