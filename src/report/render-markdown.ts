import {
  formatHorizon,
  formatHorizonInterval,
  formatInterval,
  formatPercent,
  formatScore,
  formatShare,
  formatSigned,
  formatUsd,
} from "../analysis/format-numbers.js";
import type { Summary } from "../analysis/summary-types.js";
import {
  cellText,
  costTotalsText,
  elasticityText,
  gainText,
  statusBanner,
  tierHeader,
  tierText,
  upliftText,
} from "./report-text.js";
import { adaptiveReport } from "./adaptive-text.js";

/** report.md: fit for a pull-request comment — the status, the verdict and table first, details folded. */
export function renderMarkdown(summary: Summary): string {
  const level = `${Math.round(summary.options.level * 100)}%`;
  const out: string[] = [];
  const allSimulated = summary.models.length > 0 && summary.models.every((model) => model.simulated);
  out.push(
    `## capbench: ${summary.runId}${allSimulated ? " (simulated models)" : summary.simulated ? " (includes simulated models)" : ""}`,
    "",
  );
  const banner = statusBanner(summary);
  if (banner) out.push(`> **⛔ ${banner.title}.** ${escapeCell(banner.text)}`, "");
  const inconclusive = summary.flagTests.filter((test) => test.verdict === "inconclusive");
  out.push(
    summary.flags.length === 0
      ? banner
        ? "**No bottleneck flag where data exist** — the run did not complete; see above."
        : `**No bottleneck flags** (${summary.power.tests} flag tests at a family-wise α of ${summary.power.alpha}${inconclusive.length > 0 ? `; ${inconclusive.length} inconclusive below` : ""}).`
      : `**${summary.flags.length} bottleneck flag${summary.flags.length === 1 ? "" : "s"}:**`,
  );
  for (const flag of summary.flags) {
    out.push(`- **${flag.kind}** — ${escapeCell(flag.message)}`);
    if (flag.cause) out.push(`  - likely cause: ${escapeCell(flag.cause)}`);
    if (flag.nextStep) out.push(`  - next: ${escapeCell(flag.nextStep)}`);
  }
  if (inconclusive.length > 0) {
    out.push("", "**Inconclusive** (the data point to the claim but cannot decide it):");
    for (const test of inconclusive) {
      out.push(`- _${test.kind}_ — ${escapeCell(test.message.replace(/^Inconclusive: /, ""))}`);
      if (test.cause) out.push(`  - likely cause: ${escapeCell(test.cause)}`);
      if (test.nextStep) out.push(`  - next: ${escapeCell(test.nextStep)}`);
    }
  }
  out.push("");
  for (const suite of summary.suites) {
    const tiers = summary.tiers.filter((tier) =>
      summary.tierValues.some((entry) => entry.suite === suite && entry.tier === tier),
    );
    out.push(`### ${suite}`, "");
    out.push(
      `| harness | ${tiers.map((tier) => tierHeader(summary, suite, tier)).join(" | ")} | gain | elasticity | normalized gain |`,
    );
    out.push(`|---|${tiers.map(() => "---|").join("")}---|---|---|`);
    for (const harness of summary.harnesses) {
      const values = summary.tierValues.filter((entry) => entry.suite === suite && entry.harness === harness);
      if (values.length === 0) continue;
      const gain = summary.gains.find((entry) => entry.suite === suite && entry.harness === harness);
      const cells = tiers.map((tier) => tierText(values.find((entry) => entry.tier === tier)));
      out.push(
        `| ${escapeCell(harness)} | ${cells.join(" | ")} | ${escapeCell(gainText(summary, suite, harness))} | ${escapeCell(elasticityText(summary, suite, harness))} | ${gain?.normalizedGain != null ? formatSigned(gain.normalizedGain) : "–"} |`,
      );
    }
    out.push("");
  }
  out.push(
    `Mean score over tasks with ${level} bootstrap intervals over tasks (seed ${summary.options.seed}); a tier's value gives each of its models equal weight over the tasks they all scored. ` +
      `Gain: top − bottom tier, paired over tasks, with its minimum detectable effect (MDE, ${formatPercent(summary.options.thresholds.power)} power). ` +
      `Elasticity: the slope of score on ${summary.capability.scale === "numeric" ? "the models' numeric capability" : "the tier index"} — a slope over ${summary.tiers.length} rungs, not a curve. ` +
      `${summary.totals.samples} samples, ${summary.totals.errors} errors. ${costTotalsText(summary)}`,
  );
  if (summary.simulated)
    out.push("", "_Simulated models (`sim:*`) are for demos and tests; they say nothing about real models._");
  out.push("");

  out.push(...elasticitySection(summary));
  out.push(...perModelSection(summary));
  out.push(...failureSection(summary));
  out.push(...horizonSection(summary));
  out.push(...frontierSection(summary));
  out.push("<details><summary>Method: flag tests and power</summary>", "");
  const { thresholds } = summary.options;
  out.push(
    `Each flag is a one-sided test of its claim; Holm's procedure holds the family-wise error at α = ${summary.power.alpha} over all ${summary.power.tests} flag tests of the run (the strictest per-test level is ${summary.power.perTestAlpha.toPrecision(2)}). ` +
      `"No gain" means a gain under ${thresholds.gainMargin}; "as good as" means at most ${thresholds.scoreMargin} worse. ` +
      `An inconclusive verdict gives the minimum detectable effect at the strictest level and the tasks that would decide it. See docs/statistics.md.`,
    "",
    "| flag | harness | claim | verdict | p (Holm) | estimate | MDE |",
    "|---|---|---|---|---|---|---|",
  );
  for (const test of summary.flagTests)
    out.push(
      `| ${test.kind} | ${escapeCell(`${test.suite} / ${test.harness}`)} | ${escapeCell(test.claim)} | ${test.verdict} | ${test.pAdjusted.toPrecision(2)} | ${formatSigned(test.estimate)} | ${test.mde === null ? "–" : test.mde.toFixed(2)} |`,
    );
  out.push("", "</details>", "");
  const adaptive = adaptiveReport(summary);
  if (adaptive) {
    out.push("<details open><summary>Adaptive stopping</summary>", "", escapeCell(adaptive.headline), "");
    for (const line of adaptive.early) out.push(`- settled early: ${escapeCell(line)}`);
    for (const line of adaptive.cells) out.push(`- cells ${escapeCell(line)}`);
    out.push("", "</details>", "");
  }
  if (summary.notes.length > 0) out.push(...summary.notes.map((note) => `> ${note}`), "");
  return out.join("\n");
}

function elasticitySection(summary: Summary): string[] {
  if (summary.elasticity.length === 0) return [];
  const out = ["<details open><summary>Capability elasticity</summary>", ""];
  const unit = summary.capability.scale === "numeric" ? "capability unit" : "tier";
  out.push(
    `Score gained per ${unit}, with its ${Math.round(summary.options.level * 100)}% task-bootstrap interval; the paired difference from the baseline harness (${summary.options.baselineHarness}); and the tier-equivalent uplift: the harness's advantage on each rung divided by the baseline's elasticity.`,
    "",
    "| suite | harness | elasticity | MDE | vs baseline | uplift |",
    "|---|---|---|---|---|---|",
  );
  for (const entry of summary.elasticity) {
    const vs = entry.vsBaseline
      ? `${formatSigned(entry.vsBaseline.difference)} [${formatSigned(entry.vsBaseline.ci95[0])}, ${formatSigned(entry.vsBaseline.ci95[1])}]${entry.vsBaseline.significant ? "" : " n.s."}`
      : entry.harness === summary.options.baselineHarness
        ? "(baseline)"
        : "–";
    out.push(
      `| ${escapeCell(entry.suite)} | ${escapeCell(entry.harness)} | ${escapeCell(elasticityText(summary, entry.suite, entry.harness))} | ${entry.mde === null ? "–" : entry.mde.toFixed(2)} | ${vs} | ${escapeCell(upliftText(summary, entry) || "–")} |`,
    );
  }
  for (const missing of summary.missing.filter((item) => item.what === "elasticity"))
    out.push(`| ${escapeCell(missing.suite)} | ${escapeCell(missing.harness)} | ${escapeCell(missing.reason)} | | | |`);
  out.push("", "</details>", "");
  return out;
}

function perModelSection(summary: Summary): string[] {
  const out = ["<details><summary>Per model</summary>", ""];
  out.push(
    "| suite | harness | model | tier | tasks | samples | errors | mean | interval | pass@k | cost / task | cost / solved | paid | replayed | cache read |",
  );
  out.push("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const cell of summary.cells) {
    const passAtK =
      Object.entries(cell.passAtK)
        .map(([k, value]) => `@${k} ${formatScore(value)}`)
        .join(", ") || "–";
    out.push(
      `| ${escapeCell(cell.suite)} | ${escapeCell(cell.harness)} | ${escapeCell(cell.model)}${cell.simulated ? " (simulated)" : ""} | ${cell.tier} | ${cell.tasks} | ${cell.samples} | ${cell.errors}${cell.errorHeavy ? " (error-heavy)" : ""} | ${cell.mean === null ? cellText(cell) : formatScore(cell.mean)} | ${formatInterval(cell.ci95)} | ${passAtK} | ${formatUsd(cell.cost.perTaskUsd)} | ${cell.cost.priced && cell.cost.perSolvedUsd === null ? "nothing solved" : formatUsd(cell.cost.perSolvedUsd)} | ${formatUsd(cell.cost.paidUsd)} | ${formatUsd(cell.cost.replayedUsd)} | ${formatShare(cell.cost.cacheReadShare)} |`,
    );
  }
  const multiModel = summary.tierValues.filter(
    (tier) => tier.coverage.modelsWithData.length > 1 || tier.coverage.modelsWithoutData.length > 0,
  );
  if (multiModel.length > 0) {
    out.push("", "Tier coverage (tiers with several models, or models without data):", "");
    for (const tier of multiModel)
      out.push(
        `- ${escapeCell(`${tier.suite} / ${tier.harness} / ${tier.tier}`)}: ${tier.coverage.sharedTasks} of ${tier.coverage.anyTasks} tasks scored by every model with data (${tier.coverage.modelsWithData.join(", ") || "none"})${tier.coverage.modelsWithoutData.length > 0 ? `; no data: ${tier.coverage.modelsWithoutData.join(", ")}` : ""}`,
      );
  }
  out.push("", "</details>", "");
  return out;
}

function failureSection(summary: Summary): string[] {
  const out = ["<details><summary>Failure attribution</summary>", ""];
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
        const entry = tiers.find((item) => item.tier === tier);
        if (entry && entry.mean === null) return "no data";
        const share = entry?.harnessLimitShare;
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
  return out;
}

function horizonSection(summary: Summary): string[] {
  if (summary.horizons.length === 0) return [];
  const out = ["<details><summary>Difficulty horizon (difficulty at 50% success)</summary>", ""];
  out.push(`| suite | harness | ${summary.tiers.join(" | ")} | growth |`);
  out.push(`|---|---|${summary.tiers.map(() => "---|").join("")}---|`);
  for (const horizon of summary.horizons) {
    const cells = summary.tiers.map((tier) => {
      const entry = horizon.byTier.find((item) => item.tier === tier);
      if (!entry) return "";
      return `${formatHorizon(entry, entry.observedRange)} ${formatHorizonInterval(entry.ci95, entry.observedRange)}`;
    });
    out.push(
      `| ${escapeCell(horizon.suite)} | ${escapeCell(horizon.harness)} | ${cells.join(" | ")} | ${horizon.growth === null ? escapeCell(horizon.growthNote ?? "–") : `×${horizon.growth.toFixed(2)}`} |`,
    );
  }
  out.push("", "</details>", "");
  return out;
}

function frontierSection(summary: Summary): string[] {
  const frontier = summary.costFrontier.filter((point) => point.onFrontier);
  const out = ["<details><summary>Cost and the score-vs-cost frontier</summary>", "", costTotalsText(summary), ""];
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
  return out;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
