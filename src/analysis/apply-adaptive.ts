import { z } from "zod";
import { UsageError } from "../errors.js";
import { formatZodIssues } from "../format-zod-issues.js";
import type { AdaptiveDesignRecord } from "./adaptive-design.js";
import type { AdaptiveReplay } from "./replay-adaptive.js";
import type { Summary } from "./summary-types.js";

const recordSchema = z.object({
  rounds: z.number().int().min(2),
  suites: z.array(z.object({ name: z.string(), order: z.array(z.string()) })),
  harnesses: z.array(z.string()),
  models: z.array(z.object({ id: z.string(), tier: z.string(), capability: z.number().optional() })),
  priced: z.boolean(),
});

/** run.json's `adaptive` design, checked; null when the run is not adaptive. */
export function parseAdaptiveRecord(value: unknown, source: string): AdaptiveDesignRecord | null {
  if (value === undefined || value === null) return null;
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(formatZodIssues(source, parsed.error, { prefix: "adaptive" }));
  return parsed.data;
}

/**
 * The summary of an adaptive run: the flag verdicts are the looks' (group-sequential), not a
 * fixed-size test of the data it happens to hold — those data stopped growing where verdicts
 * settled, so a fixed-size test of them would not hold its error rate. Everything else (cells,
 * intervals, gains, elasticity) describes the samples as they are.
 */
export function applyAdaptive(summary: Summary, replay: AdaptiveReplay): Summary {
  const { flagTests } = replay;
  const regressing = new Set(
    flagTests
      .filter((test) => test.kind === "regressing" && test.verdict === "flag")
      .map((test) => `${test.suite}\u0000${test.harness}`),
  );
  const flags = flagTests.filter(
    (test) =>
      test.verdict === "flag" && !(test.kind === "flat" && regressing.has(`${test.suite}\u0000${test.harness}`)),
  );
  const { alpha, power } = summary.options.thresholds;
  const tests = replay.summary.tests;
  const spent = replay.summary.samples;
  summary.notes.push(
    `Adaptive run (${replay.summary.rounds} rounds, ${replay.summary.looks} look${replay.summary.looks === 1 ? "" : "s"} made): flag verdicts come from group-sequential boundaries (O'Brien–Fleming-type alpha spending, Holm over ${tests} flag tests); ` +
      `${spent.spent} of ${spent.planned} planned samples spent. Intervals, gains and elasticity describe the samples as they are: cells that stopped early hold fewer tasks.`,
  );
  return {
    ...summary,
    flagTests,
    flags,
    power: { alpha, tests, perTestAlpha: alpha / Math.max(1, tests), power },
    adaptive: replay.summary,
  };
}
