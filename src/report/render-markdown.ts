import {
  formatDifficulty,
  formatHorizonInterval,
  formatInterval,
  formatPercent,
  formatScore,
  formatSigned,
  formatUsd,
} from "../analysis/format-numbers.js";
import type { Summary } from "../analysis/summary-types.js";

/** report.md: fit for a pull-request comment — the verdict and table first, details folded. */
export function renderMarkdown(summary: Summary): string {
  const level = `${Math.round(summary.options.level * 100)}%`;
  const out: string[] = [];
  out.push(`## capbench: ${summary.runId}${summary.simulated ? " (simulated models)" : ""}`, "");
  out.push(
    summary.flags.length === 0
      ? "**No bottleneck flags.**"
      : `**${summary.flags.length} bottleneck flag${summary.flags.length === 1 ? "" : "s"}:**`,
  );
  for (const flag of summary.flags) out.push(`- **${flag.kind}** — ${escapeCell(flag.message)}`);
  out.push("");
  for (const suite of summary.suites) {
    const tiers = summary.tiers.filter((tier) =>
      summary.tierValues.some((entry) => entry.suite === suite && entry.tier === tier),
    );
    out.push(`### ${suite}`, "");
    out.push(
      `| harness | ${tiers.map((tier) => `${tier}${tierIsSimulated(summary, suite, tier) ? " (simulated)" : ""}`).join(" | ")} | gain | normalized gain |`,
    );
    out.push(`|---|${tiers.map(() => "---|").join("")}---|---|`);
    for (const harness of summary.harnesses) {
      const values = summary.tierValues.filter((entry) => entry.suite === suite && entry.harness === harness);
      if (values.length === 0) continue;
      const gain = summary.gains.find((entry) => entry.suite === suite && entry.harness === harness);
      const cells = tiers.map((tier) => {
        const value = values.find((entry) => entry.tier === tier);
        return value ? `${formatScore(value.mean)} ${formatInterval(value.ci95)}` : "";
      });
      const gainText = gain
        ? `${formatSigned(gain.gain)} [${formatSigned(gain.ci95[0])}, ${formatSigned(gain.ci95[1])}]${gain.significant ? "" : " (n.s.)"}`
        : "";
      out.push(
        `| ${escapeCell(harness)} | ${cells.join(" | ")} | ${gainText} | ${gain?.normalizedGain != null ? formatSigned(gain.normalizedGain) : "–"} |`,
      );
    }
    out.push("");
  }
  out.push(
    `Mean score over tasks with ${level} bootstrap intervals over tasks (seed ${summary.options.seed}); tier value = mean over the tier's models. ${summary.totals.samples} samples, ${summary.totals.errors} errors.`,
  );
  if (summary.simulated)
    out.push("", "_Simulated models (`sim:*`) are for demos and tests; they say nothing about real models._");
  out.push("");

  out.push("<details><summary>Per model</summary>", "");
  out.push(
    "| suite | harness | model | tier | tasks | samples | errors | mean | interval | pass@k | cost / task | cost / solved |",
  );
  out.push("|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const cell of summary.cells) {
    const passAtK =
      Object.entries(cell.passAtK)
        .map(([k, value]) => `@${k} ${formatScore(value)}`)
        .join(", ") || "–";
    out.push(
      `| ${escapeCell(cell.suite)} | ${escapeCell(cell.harness)} | ${escapeCell(cell.model)}${cell.simulated ? " (simulated)" : ""} | ${cell.tier} | ${cell.tasks} | ${cell.samples} | ${cell.errors} | ${formatScore(cell.mean)} | ${formatInterval(cell.ci95)} | ${passAtK} | ${formatUsd(cell.cost.perTaskUsd)} | ${cell.cost.priced && cell.cost.perSolvedUsd === null ? "nothing solved" : formatUsd(cell.cost.perSolvedUsd)} |`,
    );
  }
  out.push("", "</details>", "");

  out.push("<details><summary>Failure attribution</summary>", "");
  out.push(
    "Harness-limit share of scored failures by tier (growing with the tier is the signature of a bottleneck):",
    "",
  );
  out.push(
    `| suite | harness | ${summary.tiers.join(" | ")} |`,
    `|---|---|${summary.tiers.map(() => "---|").join("")}`,
  );
  for (const suite of summary.suites) {
    for (const harness of summary.harnesses) {
      const tiers = summary.tierValues.filter((entry) => entry.suite === suite && entry.harness === harness);
      if (tiers.length === 0) continue;
      const shares = summary.tiers.map((tier) => {
        const share = tiers.find((entry) => entry.tier === tier)?.harnessLimitShare;
        return share === null || share === undefined ? "–" : formatPercent(share);
      });
      out.push(`| ${escapeCell(suite)} | ${escapeCell(harness)} | ${shares.join(" | ")} |`);
    }
  }
  out.push("");
  out.push("| suite | harness | model | failures | harness limits | wrong answers | errors | by stop reason |");
  out.push("|---|---|---|---|---|---|---|---|");
  for (const cell of summary.cells) {
    const { failures } = cell;
    const reasons = Object.entries(failures.byStopReason)
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => `${reason} ${count}`)
      .join(", ");
    out.push(
      `| ${escapeCell(cell.suite)} | ${escapeCell(cell.harness)} | ${escapeCell(cell.model)} | ${failures.failures} | ${formatPercent(failures.shares.harnessLimit)} | ${formatPercent(failures.shares.wrongAnswer)} | ${formatPercent(failures.shares.error)} | ${reasons || "–"} |`,
    );
  }
  out.push("", "</details>", "");

  if (summary.horizons.length > 0) {
    out.push("<details><summary>Difficulty horizon (difficulty at 50% success)</summary>", "");
    out.push(`| suite | harness | ${summary.tiers.join(" | ")} | growth |`);
    out.push(`|---|---|${summary.tiers.map(() => "---|").join("")}---|`);
    for (const horizon of summary.horizons) {
      const cells = summary.tiers.map((tier) => {
        const entry = horizon.byTier.find((item) => item.tier === tier);
        if (!entry) return "";
        const value = entry.difficulty === null ? "beyond range" : formatDifficulty(entry.difficulty);
        return `${value} ${formatHorizonInterval(entry.ci95)}${entry.extrapolated ? " (extrapolated)" : ""}`;
      });
      out.push(
        `| ${escapeCell(horizon.suite)} | ${escapeCell(horizon.harness)} | ${cells.join(" | ")} | ${horizon.growth === null ? "–" : `×${horizon.growth.toFixed(2)}${horizon.extrapolated ? " (extrapolated)" : ""}`} |`,
      );
    }
    out.push("", "</details>", "");
  }

  const frontier = summary.costFrontier.filter((point) => point.onFrontier);
  out.push("<details><summary>Score vs cost frontier</summary>", "");
  if (frontier.length === 0) out.push("No priced cells: cost is unknown (no price).");
  else {
    out.push("| suite | tier | harness | model | score | cost / task |", "|---|---|---|---|---|---|");
    for (const point of frontier) {
      out.push(
        `| ${escapeCell(point.suite)} | ${point.tier} | ${escapeCell(point.harness)} | ${escapeCell(point.model)} | ${formatScore(point.score)} | ${formatUsd(point.costPerTaskUsd)} |`,
      );
    }
  }
  out.push("", "</details>", "");
  if (summary.notes.length > 0) out.push(...summary.notes.map((note) => `> ${note}`), "");
  return out.join("\n");
}

function tierIsSimulated(summary: Summary, suite: string, tier: string): boolean {
  return summary.tierValues.some((entry) => entry.suite === suite && entry.tier === tier && entry.simulated);
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
