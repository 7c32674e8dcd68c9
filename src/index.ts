// The library entry: everything the CLI does is a call here.
export { run, type RunOptions, type RunOutcome } from "./runner/run.js";
export { defineConfig } from "./config/define-config.js";
export { defineSuite } from "./config/define-suite.js";
export { defineHarness } from "./runner/define-harness.js";
export { defineScorer } from "./config/define-scorer.js";
export { HarnessLimitError } from "./runner/harness-limit-error.js";
export { loadSuite } from "./config/load-suite.js";
export { resolveConfig } from "./config/resolve-config.js";
export { loadConfigFile, findConfig } from "./config/load-config.js";
export { createModelClient } from "./models/create-model-client.js";
export { summarizeRun } from "./analysis/summarize-run.js";
export { UsageError, RunError, GateFailedError, ProviderError } from "./errors.js";
export type { UserConfig } from "./config/config-schema.js";
export type { ResolvedConfig } from "./config/resolved-config.js";
export type { Summary } from "./analysis/summary-types.js";
export type * from "./types.js";
