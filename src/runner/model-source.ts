import type { ResolvedConfig } from "../config/resolved-config.js";
import { countPlanned, planSamples, type ModelMatrix } from "./plan-samples.js";
import { prepareRun } from "./prepare-run.js";
import { publicConfig } from "./public-config.js";
import { createAdaptivePlanner } from "./adaptive-rounds.js";
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
  // --adaptive: tasks in seeded rounds; the design goes into run.json (`adaptive`).
  let adaptive: ReturnType<typeof createAdaptivePlanner> | null = null;
  try {
    adaptive = config.adaptive ? createAdaptivePlanner(matrix, config) : null;
  } catch (error) {
    await close();
    throw error;
  }
  return {
    config: publicConfig(config),
    expected: {
      models: config.models.map((model) => ({ id: model.id, tier: model.tier })),
      harnesses: harnesses.map((harness) => harness.label),
    },
    suites,
    plan: (filter) => (adaptive ? adaptive.plan(filter) : planSamples(matrix, filter)),
    countPlanned: (inShard) => countPlanned(matrix, inShard),
    concurrency: config.concurrency,
    limits: config.limits,
    seed: config.seed,
    workflows: config.workflows,
    ...(mcpServers.length || adaptive
      ? {
          details: {
            ...(mcpServers.length
              ? {
                  mcpServers: mcpServers.map((server) => ({
                    name: server.name,
                    version: server.version,
                    tools: server.tools.map((tool) => tool.name),
                  })),
                }
              : {}),
            ...(adaptive ? { adaptive: adaptive.record } : {}),
          },
        }
      : {}),
    ...(adaptive ? { stoppedEarly: adaptive.stoppedEarly } : {}),
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
    ...budgetOf(config, models),
  };
}

/** `--max-cost`: the cap, and a warning for models without a price (their samples count as $0). */
function budgetOf(config: ResolvedConfig, models: ModelMatrix["models"]): Partial<SampleSource> {
  const cap = config.budget?.maxCostUsd ?? null;
  if (cap === null) return {};
  const unpriced = models.filter((model) => model.price === null).map((model) => model.client.id);
  return {
    maxCostUsd: cap,
    ...(unpriced.length
      ? {
          warnings: [
            `--max-cost: ${unpriced.join(", ")} ${unpriced.length === 1 ? "has" : "have"} no price; ${unpriced.length === 1 ? "its" : "their"} samples count as $0 against the budget`,
          ],
        }
      : {}),
  };
}
