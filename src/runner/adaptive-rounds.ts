import path from "node:path";
import { adaptiveDesignRecord, type AdaptiveDesignRecord } from "../analysis/adaptive-design.js";
import { resolveAnalysisOptions } from "../analysis/analysis-options.js";
import { replayAdaptive } from "../analysis/replay-adaptive.js";
import type { ResolvedConfig } from "../config/resolved-config.js";
import { UsageError } from "../errors.js";
import { readSamples, RUN_FILE } from "../store/index.js";
import { type ModelMatrix, planSamples } from "./plan-samples.js";
import type { SamplePlan } from "./run-sample.js";
import type { PlanFilter } from "./sample-source.js";

export interface AdaptivePlanner {
  /** The design, recorded in run.json (`adaptive`) so the analysis replays the same looks. */
  record: AdaptiveDesignRecord;
  plan(filter: PlanFilter): AsyncGenerator<SamplePlan>;
  /** `adaptive-stop` once the run ended with cells that stopped early; null otherwise. */
  stoppedEarly(): string | null;
}

/**
 * `--adaptive` (docs/statistics.md §12): the tasks of every suite in a seeded random order, cut
 * into rounds. Each round runs the cells an unsettled flag test still reads; when its samples
 * are written, the looks are replayed from the results directory (the same function the
 * analysis uses) and settle what they can. A resumed run replays the looks it has and goes on
 * with the next round.
 */
export function createAdaptivePlanner(matrix: ModelMatrix, config: ResolvedConfig): AdaptivePlanner {
  const rounds = config.adaptive?.rounds ?? 4;
  const record = adaptiveDesignRecord({
    suites: matrix.suites.map((suite) => ({ name: suite.name, taskIds: suite.tasks.map((task) => task.id) })),
    harnesses: matrix.harnesses.map((harness) => harness.label),
    models: config.models.map((model) => ({
      id: model.id,
      tier: model.tier,
      ...(typeof model.capability === "number" ? { capability: model.capability } : {}),
    })),
    rounds,
    seed: config.seed,
    priced: matrix.models.every((model) => model.price !== null),
  });
  const options = resolveAnalysisOptions({ seed: config.seed }, config.analysis);
  const tiers = new Set(config.models.map((model) => model.tier));
  if (tiers.size < 2)
    throw new UsageError(
      "--adaptive: this run makes no flag tests to settle (they compare tiers: give models of at least two tiers), so it would stop after its first round; run it without --adaptive",
    );
  let stopped: string | null = null;

  async function* plan(filter: PlanFilter): AsyncGenerator<SamplePlan> {
    const { dir, drain } = filter;
    if (!dir || !drain) throw new Error("adaptive planning needs the run engine's results directory and drain");
    const tried = new Set<number>();
    for (;;) {
      const replay = await replayAdaptive(() => readSamples(dir), record, options, {
        models: record.models,
        source: path.join(dir, RUN_FILE),
        epochs: matrix.epochs,
      });
      if (replay.nextCells.size === 0) {
        stopped = replay.summary.stoppedEarly ? "adaptive-stop" : null;
        return;
      }
      const round = replay.looksDone + 1;
      // A round that could not complete in this session (a model's endpoint died): --resume redoes it.
      if (tried.has(round)) return;
      tried.add(round);
      yield* roundPlans(matrix, replay.design.roundOf, round, replay.nextCells, filter);
      await drain();
      if (filter.signal?.aborted) return;
    }
  }

  return { record, plan, stoppedEarly: () => stopped };
}

function roundPlans(
  matrix: ModelMatrix,
  roundOf: ReadonlyMap<string, ReadonlyMap<string, number>>,
  round: number,
  cells: ReadonlySet<string>,
  filter: PlanFilter,
): Generator<SamplePlan> {
  return planSamples(matrix, filter, {
    task: (suite, task) => roundOf.get(suite.name)?.get(task.id) === round,
    cell: (suite, harness, model) => cells.has(`${suite.name}\u0000${harness.label}\u0000${model.client.id}`),
  });
}
