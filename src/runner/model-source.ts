import type { ResolvedConfig } from "../config/resolved-config.js";
import { loadSuite } from "../config/load-suite.js";
import { UsageError } from "../errors.js";
import { checkCredentials, createModelClient } from "../models/create-model-client.js";
import { priceOf } from "../models/prices.js";
import { checkSandbox, configureSandbox } from "../sandbox/index.js";
import { countPlanned, planSamples, type ModelMatrix } from "./plan-samples.js";
import { publicConfig } from "./public-config.js";
import { resolveHarness } from "./resolve-harness.js";
import type { SampleSource } from "./sample-source.js";

/**
 * The source of a model run: every harness of the config on every model, on every task of
 * every suite, `epochs` times. Everything that can be wrong with the input is checked here,
 * before any work or any file.
 */
export async function createModelSource(
  config: ResolvedConfig,
  context: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<SampleSource> {
  checkCredentials(config.models, context.env);
  configureSandbox({ mode: config.sandbox });
  const suites = [];
  for (const ref of config.suites) {
    suites.push(
      await loadSuite(ref, {
        cwd: context.cwd,
        baseDir: config.baseDir,
        seed: config.suiteSeed,
        limit: config.limit,
        sandbox: config.sandbox,
        suiteOptions: config.suiteOptions,
        models: { env: context.env, cache: config.cache, seed: config.seed },
      }),
    );
  }
  const names = new Set<string>();
  for (const suite of suites) {
    if (names.has(suite.name)) throw new UsageError(`suites: two suites are named "${suite.name}"`);
    names.add(suite.name);
  }
  if (suites.some((suite) => suite.sandbox)) await checkSandbox(config.sandbox);
  const harnesses = await Promise.all(config.harnesses.map((ref) => resolveHarness(ref, config.baseDir)));
  const labels = new Set<string>();
  for (const harness of harnesses) {
    if (labels.has(harness.label)) throw new UsageError(`harnesses: "${harness.label}" is listed twice`);
    labels.add(harness.label);
  }
  const matrix: ModelMatrix = {
    suites,
    harnesses,
    models: config.models.map((spec) => ({
      client: createModelClient(spec, { seed: config.seed, cache: config.cache, env: context.env }),
      tier: spec.tier,
      price: priceOf(spec),
    })),
    epochs: config.epochs,
  };
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
  };
}
