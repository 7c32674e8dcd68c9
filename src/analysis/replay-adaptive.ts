// The looks of an adaptive run, replayed from its samples: after each complete round, the flag
// tests on the data so far (sequential-flags.ts), and which cells the next round still needs.
// The same function drives the run (which cells get the next round's tasks) and the analysis
// (the verdicts in summary.json), so both always agree. Reads the samples once per look,
// streaming: memory follows cells × tasks.
import type { SampleRecord } from "../types.js";
import {
  adaptiveDesign,
  lookFractions,
  slotNeeds,
  tasksThroughRound,
  type AdaptiveDesign,
  type AdaptiveDesignRecord,
} from "./adaptive-design.js";
import { addSampleToCell, cellKeyOf, createCellAccumulator, type CellAccumulator } from "./cell-accumulator.js";
import { detectFlags } from "./detect-flags.js";
import { suiteFlagCandidates } from "./flag-candidates.js";
import { prepareCells } from "./prepare-cells.js";
import { horizonGrowth } from "./scaling-gains.js";
import {
  allSettled,
  createSequentialState,
  familySize,
  holdsCells,
  lookAtFlags,
  type SequentialState,
} from "./sequential-flags.js";
import type { SummaryRunInfo } from "./summarize-samples.js";
import type { AdaptiveSummary, AnalysisOptions, FlagTest } from "./summary-types.js";

export interface AdaptiveReplay {
  design: AdaptiveDesign;
  state: SequentialState;
  /** Looks done: rounds whose every planned sample (of the cells still running) is written. */
  looksDone: number;
  /** Cells (suite\0harness\0model) that get the next round's tasks; empty when the run is over. */
  nextCells: Set<string>;
  /** The last sample of each cell's run: the look after which it stopped (or the rounds when it never did). */
  lastRound: Map<string, number>;
  /** Every flag test made, as of the look it was settled at (or the last look). */
  flagTests: FlagTest[];
  summary: AdaptiveSummary;
}

export interface ReplayContext {
  models?: SummaryRunInfo["models"];
  source?: string;
  epochs: number;
  /** Futility threshold on the predictive power (experiments; default FUTILITY_PREDICTIVE_POWER). */
  futilityPower?: number;
}

type SampleStream = AsyncIterable<SampleRecord> | Iterable<SampleRecord>;

export async function replayAdaptive(
  read: () => SampleStream,
  record: AdaptiveDesignRecord,
  options: AnalysisOptions,
  context: ReplayContext,
): Promise<AdaptiveReplay> {
  const design = adaptiveDesign(record, options.baselineHarness, context.source);
  const state = createSequentialState(design, options.thresholds, context.futilityPower);
  const rounds = design.rounds;
  // Looks need no intervals of their own beyond the flags' few; the horizon only for its estimate.
  const lookOptions: AnalysisOptions = {
    ...options,
    horizon: { ...options.horizon, resamples: Math.min(options.horizon.resamples, 20) },
  };
  const cellKeys: string[] = [];
  const tierOf = new Map(design.models.map((model) => [model.id, model.tier]));
  for (const suite of design.suites)
    for (const harness of design.harnesses)
      for (const model of design.models) cellKeys.push(`${suite.name}\u0000${harness}\u0000${model.id}`);
  const lastRound = new Map(cellKeys.map((key) => [key, rounds]));
  const tests = new Map<string, FlagTest>();
  const perLook: AdaptiveSummary["perLook"] = [];
  let looksDone = 0;
  let spent = 0;

  for (let look = 1; look <= rounds; look++) {
    const accumulators = new Map<string, CellAccumulator>();
    const inRound = new Map<string, number>();
    let samples = 0;
    const add = (sample: SampleRecord) => {
      const round = design.roundOf.get(sample.suite)?.get(sample.taskId);
      const key = cellKeyOf(sample);
      const last = lastRound.get(key);
      if (round === undefined || last === undefined || round > look || round > last) return;
      let cell = accumulators.get(key);
      if (!cell) accumulators.set(key, (cell = createCellAccumulator(sample)));
      addSampleToCell(cell, sample);
      samples++;
      if (round === look) inRound.set(key, (inRound.get(key) ?? 0) + 1);
    };
    const stream = read();
    // `for await` over a synchronous iterable costs a promise per record: iterate it directly.
    if (Symbol.asyncIterator in stream) for await (const sample of stream) add(sample);
    else for (const sample of stream) add(sample);
    // The look is made only when the round is complete for every cell still running.
    const complete = cellKeys.every((key) => {
      if (lastRound.get(key)! < look) return true;
      const suite = key.slice(0, key.indexOf("\u0000"));
      const count = design.suites.find((entry) => entry.name === suite)!.order.length;
      const expected =
        (tasksThroughRound(count, rounds, look) - tasksThroughRound(count, rounds, look - 1)) * context.epochs;
      return (inRound.get(key) ?? 0) >= expected;
    });
    if (!complete) break;
    spent = samples;

    const prepared = prepareCells([...accumulators.values()], context, lookOptions);
    const candidates = prepared.suites.flatMap((suite) =>
      suiteFlagCandidates({
        suite,
        harnesses: design.harnesses.filter((harness) => prepared.harnesses.includes(harness)),
        tierValues: prepared.tierValues,
        cells: prepared.cells,
        tierOrder: prepared.scale.tierOrder,
        options: lookOptions,
        index: prepared.indexOf(suite),
      }),
    );
    const ranThrough = (suite: string, harness: string, tier: string) =>
      design.models.every(
        (model) => model.tier !== tier || lastRound.get(`${suite}\u0000${harness}\u0000${model.id}`)! >= look,
      );
    const settledBefore = new Set(
      [...state.slots.values()].filter((s) => s.state === "settled").map((s) => s.slot.key),
    );
    const verdicts = lookAtFlags(state, look, candidates, (slot) =>
      slotNeeds(slot, design).every((pair) => {
        const [harness, tier] = pair.split("\u0000") as [string, string];
        return ranThrough(slot.suite, harness, tier);
      }),
    );
    if (verdicts.size > 0) {
      const flagged = detectFlags({
        suites: prepared.suites,
        harnessesOf: (suite) =>
          design.harnesses.filter((harness) =>
            prepared.cells.some((cell) => cell.suite === suite && cell.harness === harness),
          ),
        tierValues: prepared.tierValues,
        cells: prepared.cells,
        tierOrder: prepared.scale.tierOrder,
        horizons: horizonGrowth(prepared.tierValues, prepared.scale.tierOrder),
        options: lookOptions,
        indexOf: prepared.indexOf,
        decide: (candidate) =>
          verdicts.get(`${candidate.kind}\u0000${candidate.suite}\u0000${candidate.harness}`) ?? null,
        familySize: familySize(state),
      });
      for (const test of flagged.flagTests) tests.set(`${test.kind}\u0000${test.suite}\u0000${test.harness}`, test);
    }
    looksDone = look;

    // The next round's cells: those an unsettled test still reads.
    const needed = new Set<string>();
    for (const status of state.slots.values())
      if (holdsCells(status))
        for (const pair of slotNeeds(status.slot, design)) needed.add(`${status.slot.suite}\u0000${pair}`);
    if (look < rounds)
      for (const key of cellKeys) {
        if (lastRound.get(key)! < rounds) continue;
        const [suite, harness, model] = key.split("\u0000") as [string, string, string];
        if (!needed.has(`${suite}\u0000${harness}\u0000${tierOf.get(model)}`)) lastRound.set(key, look);
      }
    perLook.push({
      look,
      informationFraction: lookFractions(design, design.suites[0]?.name ?? "")[look - 1] ?? look / rounds,
      samples,
      settled: [...state.slots.values()]
        .filter((status) => status.state === "settled" && !settledBefore.has(status.slot.key))
        .map((status) => status.slot.key.replaceAll("\u0000", " ")),
      activeCells: cellKeys.filter((key) => lastRound.get(key)! > look).length,
    });
    if (look < rounds && (allSettled(state) || cellKeys.every((key) => lastRound.get(key)! <= look))) break;
  }

  const over = looksDone === rounds || cellKeys.every((key) => lastRound.get(key)! <= looksDone);
  const nextCells = new Set(over ? [] : cellKeys.filter((key) => lastRound.get(key)! > looksDone));
  const planned = design.suites.reduce(
    (total, suite) => total + suite.order.length * design.harnesses.length * design.models.length * context.epochs,
    0,
  );
  const flagTests = design.slots.flatMap((slot) => tests.get(slot.key) ?? []);
  return {
    design,
    state,
    looksDone,
    nextCells,
    lastRound,
    flagTests,
    summary: {
      rounds,
      looks: looksDone,
      tests: familySize(state),
      alpha: options.thresholds.alpha,
      spending: "obrien-fleming",
      futility: {
        predictivePower: state.futilityPower,
        excludedLevel: options.thresholds.alpha / Math.max(1, familySize(state)),
      },
      stoppedEarly: over && cellKeys.some((key) => lastRound.get(key)! < rounds),
      samples: { spent, planned },
      perLook,
      stoppedCells: cellKeys
        .filter((key) => lastRound.get(key)! < rounds && lastRound.get(key)! <= looksDone)
        .map((key) => {
          const [suite, harness, model] = key.split("\u0000") as [string, string, string];
          const afterLook = lastRound.get(key)!;
          const count = design.suites.find((entry) => entry.name === suite)!.order.length;
          return { suite, harness, model, afterLook, tasks: tasksThroughRound(count, rounds, afterLook) };
        }),
    },
  };
}
