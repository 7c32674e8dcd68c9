import type { ResolvedConfig } from "../config/resolved-config.js";
import { countPlanned, planSamples, type ModelMatrix } from "./plan-samples.js";
import { prepareRun } from "./prepare-run.js";
import { publicConfig } from "./public-config.js";
import { openBatchSession } from "./batch-admission.js";
import type { SampleSource } from "./sample-source.js";

/**
 * The source of a model run: every harness of the config on every model, on every task of
 * every suite, `epochs` times. Everything that can be wrong with the input is checked here
 * (prepareRun), before any work or any file.
 */
export async function createModelSource(
  config: ResolvedConfig,
  context: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<SampleSource> {
  const { suites, harnesses, models, mcpServers, close, cacheNamespace } = await prepareRun(config, context);
  const matrix: ModelMatrix = { suites, harnesses, models, epochs: config.epochs };
  return {
    config: publicConfig(config),
    expected: {
      models: config.models.map((model) => ({ id: model.id, tier: model.tier })),
      harnesses: harnesses.map((harness) => harness.label),
    },
    suites,
    plan: (filter) => planSamples(matrix, filter),
    countPlanned: (inShard) => countPlanned(matrix, inShard),
    concurrency: config.concurrency,
    limits: config.limits,
    seed: config.seed,
    workflows: config.workflows,
    ...(mcpServers.length
      ? {
          details: {
            mcpServers: mcpServers.map((server) => ({
              name: server.name,
              version: server.version,
              tools: server.tools.map((tool) => tool.name),
            })),
          },
        }
      : {}),
    close,
    ...(config.batch
      ? {
          openBatch: (batch) =>
            openBatchSession(config, {
              ...batch,
              env: context.env,
              models,
              ...(cacheNamespace ? { cacheNamespace } : {}),
            }),
        }
      : {}),
  };
}
