// Seeded Monte-Carlo of the flags (issue 12): false-flag rates on the scenarios where a flag's
// claim is false, and a power table (detection rate vs tasks for effects 0.1/0.2/0.3).
// Figures, not assertions (the assertions, on fewer runs, are in test/analysis-flags.test.ts).
// Run: npm run build && node dist/bench/stats-bench.js [runs]
import { pathToFileURL } from "node:url";
import { flagRate, flagScenarios, scenarioSummaries, syntheticHarness } from "../src/analysis/flag-monte-carlo.js";
import type { Scenario } from "../src/analysis/flag-monte-carlo.js";

export interface RateRow {
  scenario: string;
  flag: string;
  runs: number;
  rate: number;
}

export async function falseFlagRates(runs: number): Promise<RateRow[]> {
  const scenarios = flagScenarios();
  const rows: RateRow[] = [];
  const add = async (
    scenario: Scenario,
    flag: string,
    matches?: (flag: { kind: string; harness: string }) => boolean,
  ) => rows.push({ scenario: scenario.name, flag, runs, rate: await flagRate(scenario, runs, matches) });
  await add(scenarios.identicalScaling, "any");
  await add(scenarios.identicalStuck, "any");
  for (const tasks of [20, 200]) {
    await add(scenarios.dominatedFalse(tasks), "dominated", (flag) => flag.kind === "dominated");
    await add(scenarios.overtakenFalse(tasks), "overtaken", (flag) => flag.kind === "overtaken");
    await add(scenarios.flatFalse(tasks), "flat", (flag) => flag.kind === "flat");
  }
  for (const level of [0.3, 0.5])
    await add(
      scenarios.flatTrue(200, 1, level),
      "flat (true: power)",
      (flag) => flag.kind === "flat" && flag.harness === "workflow",
    );
  return rows;
}

export interface PowerRow {
  claim: string;
  effect: number;
  tasks: number;
  rate: number;
}

/** Detection rate vs tasks (1 epoch) for effects 0.1, 0.2, 0.3 on three claims. */
export async function powerTable(
  runs: number,
  tasksList = [20, 50, 100, 200, 400],
  effects = [0.1, 0.2, 0.3],
): Promise<PowerRow[]> {
  const rows: PowerRow[] = [];
  for (const effect of effects)
    for (const tasks of tasksList) {
      const scaling = { low: 0.3, mid: 0.55, frontier: 0.8 };
      // A gain of `effect` around 0.5: how often its 95% interval excludes zero (what the MDE promises at 80%).
      const gainScenario: Scenario = {
        name: `gain ${effect}`,
        tasks,
        epochs: 1,
        harnesses: () => [
          syntheticHarness("prompt", { low: 0.5 - effect / 2, mid: 0.5, frontier: 0.5 + effect / 2 }),
          syntheticHarness("agent", scaling),
        ],
      };
      let significant = 0;
      for await (const summary of scenarioSummaries(gainScenario, runs, 7000))
        if (summary.gains.find((gain) => gain.harness === "prompt")?.significant) significant++;
      rows.push({ claim: "gain significant (95% CI excludes 0)", effect, tasks, rate: significant / runs });
      // A harness whose score drops by `effect` from low to frontier, beside one that scales.
      const regressing: Scenario = {
        name: `regressing ${effect}`,
        tasks,
        epochs: 1,
        harnesses: () => [
          syntheticHarness("prompt", scaling),
          syntheticHarness("worse", { low: 0.5 + effect / 2, mid: 0.5, frontier: 0.5 - effect / 2 }),
        ],
      };
      rows.push({
        claim: "regressing flagged",
        effect,
        tasks,
        rate: await flagRate(regressing, runs, (flag) => flag.kind === "regressing" && flag.harness === "worse", 8000),
      });
      // A truly flat harness beside one that gains `effect` from the same start.
      rows.push({
        claim: "flat flagged (beside a gainer of the effect)",
        effect,
        tasks,
        rate: await flagRate(
          {
            name: `flat beside ${effect}`,
            tasks,
            epochs: 1,
            harnesses: () => [
              syntheticHarness("prompt", { low: 0.3, mid: 0.3 + effect / 2, frontier: 0.3 + effect }),
              syntheticHarness("workflow", { low: 0.3, mid: 0.3, frontier: 0.3 }),
            ],
          },
          runs,
          (flag) => flag.kind === "flat" && flag.harness === "workflow",
          9000,
        ),
      });
    }
  return rows;
}

export function formatPowerTable(rows: PowerRow[]): string {
  const tasksList = [...new Set(rows.map((row) => row.tasks))];
  const lines = [`| claim | effect | ${tasksList.map((tasks) => `${tasks} tasks`).join(" | ")} |`];
  lines.push(`|---|---|${tasksList.map(() => "---|").join("")}`);
  for (const claim of [...new Set(rows.map((row) => row.claim))])
    for (const effect of [...new Set(rows.map((row) => row.effect))]) {
      const cells = tasksList.map((tasks) => {
        const row = rows.find((item) => item.claim === claim && item.effect === effect && item.tasks === tasks);
        return row ? `${Math.round(row.rate * 100)}%` : "";
      });
      lines.push(`| ${claim} | ${effect} | ${cells.join(" | ")} |`);
    }
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const runs = Number(process.argv[2] ?? 1000);
  const started = performance.now();
  console.log(
    `False-flag rates (${runs} seeded runs each; every flag here states something false unless marked power):`,
  );
  for (const row of await falseFlagRates(runs))
    console.log(`  ${row.scenario}: ${row.flag} ${(row.rate * 100).toFixed(1)}%`);
  const powerRuns = Math.max(50, Math.round(runs / 5));
  console.log(`\nPower (${powerRuns} seeded runs per cell, 1 epoch, 3 tiers, 2 harnesses):`);
  console.log(formatPowerTable(await powerTable(powerRuns)));
  console.log(`\n${((performance.now() - started) / 1000).toFixed(0)} s`);
}
