// The design of an adaptive run (`--adaptive`, docs/statistics.md §12): tasks in a seeded random
// order, cut into rounds; after each round a look at the flag tests. Fixed before any sample: the
// order, the rounds, the family of flag tests the error is held over, and which cells each test
// needs. Recorded in run.json (`adaptive`), so the analysis replays the looks from the samples.
import { resolveCapabilityScale } from "./capability-scale.js";
import { createSeededRandom } from "../random/seeded-random.js";
import type { FlagKind } from "./summary-types.js";

/** What run.json records: enough to replay every look. */
export interface AdaptiveDesignRecord {
  rounds: number;
  /** Per suite, its task ids in run order: round r holds tasks [⌊(r−1)n/R⌋, ⌊rn/R⌋). */
  suites: { name: string; order: string[] }[];
  /** Harness labels and models as the run has them. */
  harnesses: string[];
  models: { id: string; tier: string; capability?: number }[];
  /** Every model has a price (so `dominated`, which compares costs, can be tested). */
  priced: boolean;
}

/** One flag test the design can make: the family the error rate is held over. */
export interface TestSlot {
  key: string;
  kind: FlagKind;
  suite: string;
  harness: string;
  /** Made only when a gate that is not a score test opens (ceiling: harness-limit failures; dominated: cost). */
  gated: boolean;
}

export interface AdaptiveDesign extends AdaptiveDesignRecord {
  tierOrder: string[];
  baselineHarness: string;
  slots: TestSlot[];
  /** Round (1-based) of a task, by suite. */
  roundOf: Map<string, Map<string, number>>;
}

export function slotKey(kind: string, suite: string, harness: string): string {
  return `${kind}\u0000${suite}\u0000${harness}`;
}

/** The run order: each suite's tasks shuffled with the run seed (Fisher–Yates). */
export function adaptiveDesignRecord(input: {
  suites: { name: string; taskIds: readonly string[] }[];
  harnesses: string[];
  models: { id: string; tier: string; capability?: number }[];
  rounds: number;
  seed: number;
  priced: boolean;
}): AdaptiveDesignRecord {
  return {
    rounds: input.rounds,
    suites: input.suites.map((suite) => {
      const order = [...suite.taskIds];
      const random = createSeededRandom(input.seed, `adaptive\u0000${suite.name}`);
      for (let index = order.length - 1; index > 0; index--) {
        const swap = Math.floor(random() * (index + 1));
        [order[index], order[swap]] = [order[swap]!, order[index]!];
      }
      return { name: suite.name, order };
    }),
    harnesses: input.harnesses,
    models: input.models.map((model) => ({
      id: model.id,
      tier: model.tier,
      ...(typeof model.capability === "number" ? { capability: model.capability } : {}),
    })),
    priced: input.priced,
  };
}

/** Tasks of a suite of `count` tasks that rounds 1…r hold. */
export function tasksThroughRound(count: number, rounds: number, round: number): number {
  return Math.floor((Math.min(round, rounds) * count) / rounds);
}

/** The design the looks use: the record plus the tier order, the test family and the rounds of tasks. */
export function adaptiveDesign(
  record: AdaptiveDesignRecord,
  baselineHarness: string,
  source = "run.json",
): AdaptiveDesign {
  const tierOrder = resolveCapabilityScale(record.models, source).tierOrder;
  const harnesses = record.harnesses;
  const slots: TestSlot[] = [];
  if (tierOrder.length >= 2)
    for (const { name: suite } of record.suites)
      for (const harness of harnesses) {
        const add = (kind: FlagKind, gated: boolean) =>
          slots.push({ key: slotKey(kind, suite, harness), kind, suite, harness, gated });
        add("regressing", false);
        if (harnesses.length >= 2) add("flat", false);
        if (harnesses.length >= 2) add("ceiling", true);
        if (harness !== baselineHarness && harnesses.includes(baselineHarness)) add("overtaken", false);
        if (harnesses.length >= 2 && record.priced) add("dominated", true);
      }
  const roundOf = new Map<string, Map<string, number>>();
  for (const suite of record.suites) {
    const rounds = new Map<string, number>();
    const count = suite.order.length;
    let round = 1;
    suite.order.forEach((taskId, index) => {
      while (index >= tasksThroughRound(count, record.rounds, round)) round++;
      rounds.set(taskId, round);
    });
    roundOf.set(suite.name, rounds);
  }
  return { ...record, tierOrder, baselineHarness, slots, roundOf };
}

/** Information fraction of each look of a suite: tasks through round k ÷ planned tasks. */
export function lookFractions(design: AdaptiveDesignRecord, suite: string): number[] {
  const count = design.suites.find((entry) => entry.name === suite)?.order.length ?? 0;
  const fractions: number[] = [];
  for (let round = 1; round <= design.rounds; round++)
    fractions.push(count > 0 ? tasksThroughRound(count, design.rounds, round) / count : round / design.rounds);
  // Rounds that add no task (fewer tasks than rounds) repeat a fraction: keep them strictly increasing.
  for (let index = 1; index < fractions.length; index++)
    if (fractions[index]! <= fractions[index - 1]!) fractions[index] = fractions[index - 1]! + 1e-6;
  fractions[fractions.length - 1] = 1;
  return fractions;
}

/**
 * The (harness, tier) pairs a test reads: its own bottom and top tiers (and the tier below the
 * top for ceiling), and those of the harnesses its "some other harness" part ranges over.
 */
export function slotNeeds(
  slot: TestSlot,
  design: Pick<AdaptiveDesign, "tierOrder" | "harnesses" | "baselineHarness">,
): string[] {
  const bottom = design.tierOrder[0]!;
  const top = design.tierOrder[design.tierOrder.length - 1]!;
  const below = design.tierOrder[design.tierOrder.length - 2] ?? bottom;
  const others = design.harnesses.filter((harness) => harness !== slot.harness);
  const pair = (harness: string, tier: string) => `${harness}\u0000${tier}`;
  switch (slot.kind) {
    case "regressing":
      return [pair(slot.harness, bottom), pair(slot.harness, top)];
    case "flat":
      return design.harnesses.flatMap((harness) => [pair(harness, bottom), pair(harness, top)]);
    case "ceiling":
      return [pair(slot.harness, below), pair(slot.harness, top), ...others.map((harness) => pair(harness, top))];
    case "overtaken":
      return [
        pair(slot.harness, bottom),
        pair(slot.harness, top),
        pair(design.baselineHarness, bottom),
        pair(design.baselineHarness, top),
      ];
    case "dominated":
      return [pair(slot.harness, top), ...others.map((harness) => pair(harness, top))];
  }
}
