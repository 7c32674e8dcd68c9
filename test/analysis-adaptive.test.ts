// Adaptive runs (`--adaptive`) on synthetic data with a known truth, seeded Monte-Carlo: the
// family-wise false-flag rate with stopping at looks of 25/50/75/100% of the tasks stays ≤ 5%; a
// strong true effect is flagged at an early look and the run spends fewer samples; every verdict
// is settled by its rule (a flag only past its boundary, "no flag" only by futility or exclusion).
import { describe, expect, it } from "vitest";
import { adaptiveDesign, adaptiveDesignRecord, lookFractions, slotNeeds } from "../src/analysis/adaptive-design.js";
import { adaptiveFlagRate, adaptiveTrial } from "../src/analysis/adaptive-monte-carlo.js";
import { flagScenarios, syntheticHarness, type Scenario } from "../src/analysis/flag-monte-carlo.js";

const scaling = { low: 0.3, mid: 0.55, frontier: 0.8 };

describe("adaptive design", () => {
  it("orders each suite's tasks by the seed and cuts them into rounds of a quarter", () => {
    const taskIds = Array.from({ length: 10 }, (_, index) => `t${index}`);
    const input = {
      suites: [{ name: "s", taskIds }],
      harnesses: ["prompt", "agent"],
      models: [
        { id: "sim:low", tier: "low" },
        { id: "sim:frontier", tier: "frontier" },
      ],
      rounds: 4,
      seed: 3,
      priced: false,
    };
    const record = adaptiveDesignRecord(input);
    expect(record.suites[0]!.order).not.toEqual(taskIds);
    expect([...record.suites[0]!.order].sort()).toEqual([...taskIds].sort());
    expect(adaptiveDesignRecord(input)).toEqual(record);
    expect(adaptiveDesignRecord({ ...input, seed: 4 }).suites[0]!.order).not.toEqual(record.suites[0]!.order);
    const design = adaptiveDesign(record, "prompt");
    const rounds = record.suites[0]!.order.map((id) => design.roundOf.get("s")!.get(id));
    expect(rounds).toEqual([1, 1, 2, 2, 2, 3, 3, 4, 4, 4]);
    expect(lookFractions(record, "s")).toEqual([0.2, 0.5, 0.7, 1]);
    // Unpriced: no dominated tests; regressing, flat, ceiling for both, overtaken for agent.
    expect(design.slots.map((slot) => `${slot.kind}:${slot.harness}`)).toEqual([
      "regressing:prompt",
      "flat:prompt",
      "ceiling:prompt",
      "regressing:agent",
      "flat:agent",
      "ceiling:agent",
      "overtaken:agent",
    ]);
    const overtaken = design.slots.find((slot) => slot.kind === "overtaken")!;
    expect(slotNeeds(overtaken, design)).toEqual([
      "agent\u0000low",
      "agent\u0000frontier",
      "prompt\u0000low",
      "prompt\u0000frontier",
    ]);
  });
});

describe("adaptive stopping holds the family-wise error (seeded Monte-Carlo)", () => {
  it("8 identical scaling harnesses, 20 and 40 tasks, looks at 25/50/75/100%: any flag in ≤ 5% of runs", async () => {
    for (const tasks of [20, 40]) {
      const scenario = flagScenarios({ small: tasks, large: 200 }).identicalScaling;
      const rate = await adaptiveFlagRate(scenario, 100, () => true, 1000);
      expect(rate, `${tasks} tasks`).toBeLessThanOrEqual(0.05);
    }
  }, 300_000);

  it("8 identical stuck harnesses failing by max_turns (ceiling gates open): any flag in ≤ 5% of runs", async () => {
    const scenario = flagScenarios({ small: 20, large: 200 }).identicalStuck;
    expect(await adaptiveFlagRate(scenario, 100, () => true, 2000)).toBeLessThanOrEqual(0.05);
  }, 300_000);

  it("settles a strong true effect early and spends fewer samples; every verdict follows its rule", async () => {
    // `worse` truly drops 0.6 from low to frontier beside a harness that scales.
    const scenario: Scenario = {
      name: "regressing by 0.6",
      tasks: 40,
      epochs: 1,
      harnesses: () => [
        syntheticHarness("prompt", scaling),
        syntheticHarness("worse", { low: 0.8, mid: 0.5, frontier: 0.2 }),
      ],
    };
    const runs = 60;
    let early = 0;
    let spent = 0;
    let planned = 0;
    for (let run = 0; run < runs; run++) {
      const { adaptive } = await adaptiveTrial(scenario, 3000 + run);
      const regressing = adaptive.flagTests.find((test) => test.kind === "regressing" && test.harness === "worse")!;
      if (regressing.verdict === "flag" && regressing.sequential!.early) early++;
      spent += adaptive.summary.samples.spent;
      planned += adaptive.summary.samples.planned;
      for (const test of adaptive.flagTests) {
        const decision = test.sequential!;
        if (test.verdict === "flag") {
          expect(decision.outcome).toBe("flag");
          expect(decision.pValue!).toBeLessThanOrEqual(decision.boundary!);
        } else {
          expect(["excluded", "futile", "final"]).toContain(decision.outcome);
          if (decision.outcome === "futile") expect(decision.predictivePower!).toBeLessThan(0.05);
          if (decision.outcome === "final") expect(decision.look).toBe(decision.looks);
        }
        expect(test.pAdjusted <= 0.05).toBe(test.verdict === "flag");
      }
    }
    expect(early / runs).toBeGreaterThanOrEqual(0.8);
    expect(spent / planned).toBeLessThan(0.75);
  }, 300_000);

  it("agrees with the fixed-size run where the fixed-size run is powered: a truly flat harness at 200 tasks", async () => {
    const scenario = flagScenarios({ small: 20, large: 200 }).flatTrue(200);
    let agree = 0;
    const runs = 10;
    for (let run = 0; run < runs; run++) {
      const trial = await adaptiveTrial(scenario, 4000 + run, { withFull: true });
      const flagged = (tests: { kind: string; harness: string; verdict: string }[]) =>
        tests.some((test) => test.kind === "flat" && test.harness === "workflow" && test.verdict === "flag");
      if (flagged(trial.adaptive.flagTests) === flagged(trial.full!.flagTests)) agree++;
    }
    expect(agree / runs).toBeGreaterThanOrEqual(0.8);
  }, 300_000);
});
