import Table from "cli-table3";
import { formatPercent, formatTaskCount, formatUsd } from "../analysis/format-numbers.js";
import type { ComparisonKind, RunPlan } from "../analysis/plan-run.js";

const COMPARISON_LABEL: Record<ComparisonKind, string> = {
  gain: "gain of a harness (top − bottom)",
  harness: "harness vs harness (one model)",
  interaction: "difference of gains",
};

/** The terminal view of `capbench plan`. */
export function renderPlan(plan: RunPlan, context: { power: number }): string {
  const { matrix, totals } = plan;
  const lines: string[] = [];
  const tasks = matrix.suites.map((suite) => `${suite.name} ${suite.tasks}`).join(", ");
  lines.push(
    `capbench plan (nothing sent): ${matrix.samples.toLocaleString("en-US")} samples = tasks (${tasks}) × ${matrix.harnesses.length} harness${matrix.harnesses.length === 1 ? "" : "es"} × ${matrix.models.length} model${matrix.models.length === 1 ? "" : "s"} × ${matrix.epochs} epoch${matrix.epochs === 1 ? "" : "s"}`,
  );
  const usage = new Table({
    head: [
      "harness",
      "model (tier)",
      "samples",
      "calls",
      "input tokens",
      "output tokens",
      ...plan.variants.map((name) => `cost (${name})`),
      "from",
    ],
    style: { head: [], border: [] },
  });
  const byKey = new Map<string, RunPlan["cells"]>();
  for (const cell of plan.cells) {
    const key = `${cell.harness}\u0000${cell.model}`;
    byKey.set(key, [...(byKey.get(key) ?? []), cell]);
  }
  for (const cells of byKey.values()) {
    const first = cells[0]!;
    const model = matrix.models.find((entry) => entry.id === first.model);
    const sum = (pick: (cell: (typeof cells)[number]) => number) =>
      cells.reduce((total, cell) => total + pick(cell), 0);
    usage.push([
      first.harness,
      `${first.model} (${first.tier}${model?.simulated ? ", simulated" : ""})`,
      String(sum((cell) => cell.samples)),
      round(sum((cell) => cell.calls)),
      round(sum((cell) => cell.inputTokens)),
      round(sum((cell) => cell.outputTokens)),
      ...plan.variants.map((name) =>
        cells.some((cell) => cell.costUsd[name] === null)
          ? "no price"
          : formatUsd(sum((cell) => cell.costUsd[name] ?? 0)),
      ),
      first.source,
    ]);
  }
  lines.push(usage.toString());
  lines.push(
    `total: ${round(totals.calls)} model calls, ${round(totals.inputTokens)} input and ${round(totals.outputTokens)} output tokens; ` +
      plan.variants
        .map((name) => {
          const cost = totals.costUsd[name];
          return `cost (${name}) ${cost === null ? `unknown: no price for ${totals.unpricedModels.join(", ")}` : formatUsd(cost)}`;
        })
        .join("; "),
  );
  lines.push("");
  const power = new Table({
    head: [
      "suite",
      "comparison",
      "tasks × epochs",
      "MDE (95% CI)",
      "MDE (flag level)",
      ...(plan.power.some((row) => row.target) ? ["to reach the target"] : []),
      "variance from",
    ],
    style: { head: [], border: [] },
  });
  for (const row of plan.power) {
    const target = row.target
      ? [
          `MDE ${row.target.mde}: ${formatTaskCount(row.target.tasks)} tasks at ${row.epochs} epoch${row.epochs === 1 ? "" : "s"}` +
            `${row.target.epochs === null ? " (more epochs alone cannot)" : `, or ${row.target.epochs} epochs at ${row.tasks} tasks`}; ` +
            `flag level: ${formatTaskCount(row.target.flagTasks)} tasks${row.target.flagEpochs === null ? "" : ` or ${row.target.flagEpochs} epochs`}`,
        ]
      : plan.power.some((entry) => entry.target)
        ? [""]
        : [];
    power.push([
      row.suite,
      COMPARISON_LABEL[row.comparison],
      `${row.tasks} × ${row.epochs}`,
      row.mde.toFixed(2),
      row.flagMde.toFixed(2),
      ...target,
      row.source,
    ]);
  }
  lines.push(
    `Minimum detectable effects (score difference found with ${formatPercent(context.power)} power): the comparison's 95% interval, and a flag at the strictest level of ${plan.flagTests.least}–${plan.flagTests.most} flag tests (α ÷ ${plan.flagTests.most} = ${plan.flagTests.perTestAlpha.toPrecision(2)}):`,
  );
  lines.push(power.toString());
  if (plan.assumptions.length > 0) lines.push("assumed:", ...plan.assumptions.map((text) => `  - ${text}`));
  return lines.join("\n");
}

function round(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}
