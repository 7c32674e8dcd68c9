import {
  formatDifficulty,
  formatHorizonInterval,
  formatInterval,
  formatLevel,
  formatPercent,
  formatScore,
  formatSigned,
  formatUsd,
} from "../analysis/format-numbers.js";
import type { CellSummary, Summary } from "../analysis/summary-types.js";
import type { SampleRows } from "./collect-sample-rows.js";
import { renderCostChart } from "./cost-chart.js";
import { renderHorizonChart } from "./horizon-chart.js";
import { escapeHtml, inlineJson } from "./html-escape.js";
import { HTML_PAGE_SCRIPT } from "./html-page-script.js";
import { HTML_PAGE_STYLE } from "./html-page-style.js";
import { modelLabel } from "./model-label.js";
import { renderTierChart } from "./tier-chart.js";

/** report.html: one self-contained page (inline style, script and SVG charts; no network). */
export function renderHtml(summary: Summary, samples: SampleRows | null = null): string {
  const title = `capbench report — ${summary.runId}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${HTML_PAGE_STYLE}</style></head>
<body>
<header>
<h1>${escapeHtml(title)} ${summary.simulated ? '<span class="badge">simulated models</span>' : ""}</h1>
<div class="muted">${summary.totals.samples} samples · ${summary.totals.errors} errors · ${summary.suites.length} suite(s) · harnesses ${escapeHtml(summary.harnesses.join(", "))} ·
models ${escapeHtml(summary.models.map(modelLabel).join(", "))} · ${formatLevel(summary.options.level)} bootstrap intervals over tasks, seed ${summary.options.seed}
${summary.startedAt ? ` · started ${escapeHtml(summary.startedAt)}` : ""}${summary.endedAt ? ` · ended ${escapeHtml(summary.endedAt)}` : ""}</div>
${summary.simulated ? '<p class="muted">Simulated models (<code>sim:*</code>) exist for demos and tests; they say nothing about real models.</p>' : ""}
</header>
<main>
${flagsSection(summary)}
${summary.suites.map((suite) => suiteSection(summary, suite)).join("\n")}
${failureSection(summary)}
${cellsSection(summary)}
${samples ? samplesSection(samples) : ""}
${notesSection(summary)}
</main>
${samples ? `<script type="application/json" id="capbench-samples">${inlineJson({ rows: samples.rows, trajectories: samples.trajectories, omittedRows: samples.omittedRows })}</script><script>${HTML_PAGE_SCRIPT}</script>` : ""}
</body></html>
`;
}

function flagsSection(summary: Summary): string {
  const body =
    summary.flags.length === 0
      ? '<div class="no-flags">No bottleneck flags: no harness is flat, capped, overtaken, regressing or dominated at the configured thresholds.</div>'
      : summary.flags
          .map(
            (flag) => `<div class="flag" data-flag="${flag.kind}"><b>${flag.kind}</b>${escapeHtml(flag.message)}</div>`,
          )
          .join("\n");
  return `<section id="flags"><h2>Bottleneck flags</h2>${body}</section>`;
}

function suiteSection(summary: Summary, suite: string): string {
  const tiers = summary.tiers;
  const rows = summary.harnesses
    .filter((harness) => summary.tierValues.some((entry) => entry.suite === suite && entry.harness === harness))
    .map((harness) => {
      const gain = summary.gains.find((entry) => entry.suite === suite && entry.harness === harness);
      const cells = tiers.map((tier) => {
        const value = summary.tierValues.find(
          (entry) => entry.suite === suite && entry.harness === harness && entry.tier === tier,
        );
        return `<td class="num">${value ? `${formatScore(value.mean)} <span class="muted">${formatInterval(value.ci95)}</span>` : ""}</td>`;
      });
      const gainCell = gain
        ? `${formatSigned(gain.gain)} <span class="muted">[${formatSigned(gain.ci95[0])}, ${formatSigned(gain.ci95[1])}]</span>${gain.significant ? "" : " n.s."}`
        : "";
      const normalized = gain?.normalizedGain != null ? formatSigned(gain.normalizedGain) : "–";
      return `<tr><td>${escapeHtml(harness)}</td>${cells.join("")}<td class="num">${gainCell}</td><td class="num">${normalized}</td></tr>`;
    });
  const simulated = summary.tierValues.some((entry) => entry.suite === suite && entry.simulated);
  const horizon = renderHorizonChart(summary, suite);
  const cost = renderCostChart(summary, suite);
  return `<section class="suite" data-suite="${escapeHtml(suite)}"><h2>${escapeHtml(suite)}${simulated ? ' <span class="badge">simulated</span>' : ""}</h2>
<div class="charts">
<figure>${renderTierChart(summary, suite)}<figcaption>Score by tier (mean over the tier's models); bands are ${formatLevel(summary.options.level)} intervals.</figcaption></figure>
${horizon ? `<figure>${horizon}<figcaption>Difficulty at 50% success (logistic fit on log2 difficulty); hollow points are beyond the observed range.</figcaption></figure>` : ""}
${cost ? `<figure>${cost}<figcaption>Score vs cost per task; dashed lines join each tier's frontier.</figcaption></figure>` : '<p class="muted">Score vs cost: no price for these models (cost unknown).</p>'}
</div>
<table><thead><tr><th>harness</th>${tiers.map((tier) => `<th>${tier}${simulated ? " (simulated)" : ""}</th>`).join("")}<th>gain</th><th>normalized gain</th></tr></thead>
<tbody>${rows.join("")}</tbody></table>
${horizonTable(summary, suite)}
</section>`;
}

function horizonTable(summary: Summary, suite: string): string {
  const horizons = summary.horizons.filter((entry) => entry.suite === suite);
  if (horizons.length === 0) return "";
  const rows = horizons.map((horizon) => {
    const cells = summary.tiers.map((tier) => {
      const entry = horizon.byTier.find((item) => item.tier === tier);
      if (!entry) return "<td></td>";
      const value = entry.difficulty === null ? "beyond range" : formatDifficulty(entry.difficulty);
      return `<td class="num">${value} <span class="muted">${formatHorizonInterval(entry.ci95)}${entry.extrapolated ? " extrapolated" : ""}</span></td>`;
    });
    return `<tr><td>${escapeHtml(horizon.harness)}</td>${cells.join("")}<td class="num">${horizon.growth === null ? "–" : `×${horizon.growth.toFixed(2)}${horizon.extrapolated ? " (extrapolated)" : ""}`}</td></tr>`;
  });
  return `<h3>Difficulty horizon</h3><table><thead><tr><th>harness</th>${summary.tiers.map((tier) => `<th>${tier}</th>`).join("")}<th>growth</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function failureSection(summary: Summary): string {
  const rows = summary.cells.map((cell) => {
    const total = Math.max(1, cell.samples);
    const passed = cell.samples - cell.failures.failures;
    const segments = [
      ["pass", passed, "passed"],
      ["wrong", cell.failures.wrongAnswer, "wrong answer"],
      ["limit", cell.failures.harnessLimit, "harness limit"],
      ["error", cell.failures.error, "error"],
    ] as const;
    const bar = segments
      .filter(([, count]) => count > 0)
      .map(
        ([className, count, label]) =>
          `<span class="${className}" style="width:${((count / total) * 100).toFixed(2)}%" title="${label}: ${count}"></span>`,
      )
      .join("");
    const reasons = Object.entries(cell.failures.byStopReason)
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => `${reason} ${count}`)
      .join(", ");
    return `<tr><td>${escapeHtml(cell.suite)}</td><td>${escapeHtml(cell.harness)}</td><td>${escapeHtml(cell.model)}${cell.simulated ? " (simulated)" : ""}</td><td>${cell.tier}</td>
<td><div class="bar">${bar}</div></td><td class="num">${formatPercent(cell.failures.shares.harnessLimit)}</td><td class="num">${formatPercent(cell.failures.shares.wrongAnswer)}</td><td class="num">${formatPercent(cell.failures.shares.error)}</td><td>${escapeHtml(reasons || "–")}</td></tr>`;
  });
  return `<section id="failures"><h2>Failure attribution</h2>
<p class="key muted">Share of samples: <span class="pass"></span>passed<span class="wrong"></span>wrong answer<span class="limit"></span>harness limit (turns, tokens, cost, context, time, parse)<span class="error"></span>error. Harness-limit failures that grow with the tier are the signature of a bottleneck.</p>
${limitTrendTable(summary)}
<table><thead><tr><th>suite</th><th>harness</th><th>model</th><th>tier</th><th>samples</th><th>harness limits</th><th>wrong answers</th><th>errors</th><th>failures by stop reason</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`;
}

function limitTrendTable(summary: Summary): string {
  const rows = summary.suites.flatMap((suite) =>
    summary.harnesses.flatMap((harness) => {
      const tiers = summary.tierValues.filter((entry) => entry.suite === suite && entry.harness === harness);
      if (tiers.length === 0) return [];
      const cells = summary.tiers.map((tier) => {
        const share = tiers.find((entry) => entry.tier === tier)?.harnessLimitShare;
        return `<td class="num">${share === null || share === undefined ? "–" : formatPercent(share)}</td>`;
      });
      return [`<tr><td>${escapeHtml(suite)}</td><td>${escapeHtml(harness)}</td>${cells.join("")}</tr>`];
    }),
  );
  return `<h3>Harness-limit share of scored failures, by tier</h3><table class="limit-trend"><thead><tr><th>suite</th><th>harness</th>${summary.tiers.map((tier) => `<th>${tier}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table><h3>Per model</h3>`;
}

function cellsSection(summary: Summary): string {
  const rows = summary.cells.map((cell: CellSummary) => {
    const passAtK =
      Object.entries(cell.passAtK)
        .map(([k, value]) => `@${k} ${formatScore(value)}`)
        .join(", ") || "–";
    const perSolved =
      cell.cost.priced && cell.cost.perSolvedUsd === null ? "nothing solved" : formatUsd(cell.cost.perSolvedUsd);
    const horizon = cell.horizon
      ? cell.horizon.difficulty === null
        ? "beyond range"
        : formatDifficulty(cell.horizon.difficulty)
      : "–";
    return `<tr><td>${escapeHtml(cell.suite)}</td><td>${escapeHtml(cell.harness)}</td><td>${escapeHtml(cell.model)}${cell.simulated ? " (simulated)" : ""}</td><td>${cell.tier}</td>
<td class="num">${cell.tasks}</td><td class="num">${cell.samples}</td><td class="num">${cell.errors}</td><td class="num">${formatScore(cell.mean)}</td><td class="num">${formatInterval(cell.ci95)}</td>
<td class="num">${passAtK}</td><td class="num">${formatUsd(cell.cost.perTaskUsd)}</td><td class="num">${perSolved}</td><td class="num">${horizon}</td></tr>`;
  });
  return `<section id="cells"><details><summary>Per model: tasks, errors, pass@k, cost, horizon</summary>
<table><thead><tr><th>suite</th><th>harness</th><th>model</th><th>tier</th><th>tasks</th><th>samples</th><th>errors</th><th>mean</th><th>interval</th><th>pass@k</th><th>cost / task</th><th>cost / solved</th><th>horizon</th></tr></thead>
<tbody>${rows.join("")}</tbody></table></details></section>`;
}

function samplesSection(samples: SampleRows): string {
  const limited =
    samples.omittedRows > 0
      ? ` A seeded selection of ${samples.rows.length} (failures first) of ${samples.totalSamples} samples;`
      : "";
  return `<section id="samples"><h2>Samples</h2>
<p class="muted">${limited} click a row to open its trajectory (${samples.trajectories.length} embedded${samples.linkedOnly > 0 ? `, ${samples.linkedOnly} linked to their trace files` : ""}).</p>
<div class="controls"><label>Show <select id="sample-filter"><option value="all">all</option><option value="failures">failures</option><option value="limits">harness limits</option><option value="errors">errors</option><option value="passes">passes</option></select></label>
<input id="sample-search" type="search" placeholder="filter by task, harness, model, text"><button id="sample-prev" type="button">‹ previous</button><button id="sample-next" type="button">next ›</button><span id="sample-status" class="muted"></span></div>
<table><thead><tr><th>suite</th><th>task</th><th>harness</th><th>model</th><th>tier</th><th>epoch</th><th>result</th><th>stop reason</th><th>cost</th><th>explanation</th><th>trajectory</th></tr></thead><tbody id="sample-body"></tbody></table>
<dialog id="trajectory-dialog"><div class="dialog-head"><strong id="trajectory-title"></strong><button id="trajectory-close" type="button">close</button></div><div id="trajectory-body" class="dialog-body"></div></dialog>
</section>`;
}

function notesSection(summary: Summary): string {
  const { thresholds } = summary.options;
  return `<section id="method"><details><summary>Method and thresholds</summary>
<p>Per task, epochs are reduced with <code>${escapeHtml(summary.options.reducer)}</code>${summary.options.reducer === "mean" ? "" : ` (k=${summary.options.k})`}; a cell's interval is a bootstrap over tasks (${summary.options.resamples} resamples, seed ${summary.options.seed}).
Tier value = mean over the tier's models. Gains are paired over the tasks present at both tiers; normalized gain = gain ÷ (1 − bottom-tier score).
Each flag is a one-sided test of its claim; Holm's procedure holds the family-wise error at α = ${thresholds.alpha} over all ${summary.power.tests} flag tests of the run. "No gain" means a gain under ${thresholds.gainMargin} (equivalence margin); "as good as" means at most ${thresholds.scoreMargin} worse (non-inferiority margin); ceiling needs more than ${formatPercent(thresholds.ceilingLimitShare)} of top-tier failures to be harness limits; dominated compares with harnesses at ≤ ${formatPercent(thresholds.dominatedCostRatio)} of the cost. Minimum detectable effects are at ${formatPercent(thresholds.power)} power. See docs/statistics.md.</p>
${summary.notes.map((note) => `<p class="muted">${escapeHtml(note)}</p>`).join("")}
</details></section>`;
}
