import path from "node:path";
import { existsSync } from "node:fs";
import type { ResolvedConfig } from "../config/resolved-config.js";
import type { PlanMatrix } from "../analysis/plan-run.js";
import { UsageError } from "../errors.js";
import type { CliCommand } from "./cli-command.js";
import { runCommand, type RunArgs } from "./run-command.js";

export interface PlanArgs extends RunArgs {
  pilot?: string;
  targetMde?: number;
}

/** `capbench plan`: the same flags and config as `run`; sizes the run and sends nothing. */
export const planCommand: CliCommand<PlanArgs> = {
  command: "plan",
  describe: "Size a run before sending anything: samples, calls, tokens, cost, and the effects it can detect",
  builder: (yargs) =>
    runCommand
      .builder(yargs)
      .option("pilot", {
        type: "string",
        describe: "Results directory of a small pilot run: real calls, tokens and variances instead of assumptions",
      })
      .option("target-mde", {
        type: "number",
        describe: "Target minimum detectable effect (score difference, e.g. 0.1): how many tasks or epochs reach it",
      }),
  async handler(args, io) {
    if (args.resume) throw new UsageError("--resume: plan sizes a new run; give the run's flags or config instead");
    if (args.targetMde !== undefined && !(args.targetMde > 0 && args.targetMde < 1))
      throw new UsageError(`--target-mde ${args.targetMde}: must be a score difference between 0 and 1`);
    const [
      { resolveConfigFromArgs },
      { resolveAnalysisOptions },
      { readPilotProfile },
      { readCacheUsage },
      { planRun },
      { renderPlan },
      { TIERS },
      { planCostVariants },
    ] = await Promise.all([
      import("./resolve-config-from-args.js"),
      import("../analysis/analysis-options.js"),
      import("../analysis/pilot-profile.js"),
      import("../analysis/cache-usage.js"),
      import("../analysis/plan-run.js"),
      import("../report/render-plan.js"),
      import("../types.js"),
      import("../analysis/plan-cost-variants.js"),
    ]);
    const config = await resolveConfigFromArgs(args, io);
    const matrix = await loadPlanMatrix(config, io.cwd, io.env);
    const analysis = resolveAnalysisOptions(config.analysis);
    const tierRank = (tier: string) => {
      const index = (TIERS as readonly string[]).indexOf(tier);
      return index === -1 ? TIERS.length : index;
    };
    const pilot = args.pilot ? await readPilotProfile(path.resolve(io.cwd, args.pilot), tierRank) : null;
    const useCache =
      !pilot && config.cache.mode !== "disabled" && (args.cacheDir !== undefined || existsSync(config.cache.dir));
    const cache = useCache ? await readCacheUsage(config.cache.dir) : null;
    const plan = planRun(matrix, {
      analysis,
      pilot,
      cache,
      targetMde: args.targetMde ?? null,
      costVariants: planCostVariants(),
    });
    const budget = config.budget.maxCostUsd;
    io.stdout.write(
      args.json
        ? `${JSON.stringify(budget === null ? plan : { ...plan, budget: { maxCostUsd: budget } }, null, 2)}\n`
        : `${renderPlan(plan, { power: analysis.thresholds.power, maxCostUsd: budget })}\n`,
    );
    return 0;
  },
};

/**
 * The run's matrix from a resolved config, as `capbench run` would build it (plug-ins, suites with
 * their options, harness variants, prices) but with no credentials, sandbox or model client:
 * nothing is sent.
 */
export async function loadPlanMatrix(config: ResolvedConfig, cwd: string, env: NodeJS.ProcessEnv): Promise<PlanMatrix> {
  const [{ loadRunMatrix }, { priceOf }] = await Promise.all([
    import("../runner/prepare-run.js"),
    import("../models/prices.js"),
  ]);
  const matrix = await loadRunMatrix(config, { cwd, env });
  const suites = matrix.suites.map((suite) => {
    const families = new Set(
      suite.tasks.flatMap((task) => {
        const family = task.metadata?.family ?? task.metadata?.cluster;
        return typeof family === "string" || typeof family === "number" ? [String(family)] : [];
      }),
    );
    return { name: suite.name, tasks: suite.tasks.length, families: families.size > 0 ? families.size : null };
  });
  const harnesses = matrix.harnesses.map((harness) => harness.label);
  return {
    suites,
    harnesses,
    models: config.models.map((model) => ({
      id: model.id,
      tier: model.tier,
      price: priceOf(model),
      simulated: model.id.startsWith("sim:"),
    })),
    epochs: config.epochs,
  };
}
