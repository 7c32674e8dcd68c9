import {
  formatHorizon,
  formatHorizonInterval,
  formatInterval,
  formatLevel,
  formatPercent,
  formatScore,
  formatShare,
  formatSigned,
  formatUsd,
} from "../analysis/format-numbers.js";
import type { CellSummary, Summary } from "../analysis/summary-types.js";
import type { SampleRows } from "./collect-sample-rows.js";
import { renderCostChart } from "./cost-chart.js";
import { renderElasticityChart } from "./elasticity-chart.js";
import { renderHorizonChart } from "./horizon-chart.js";
import { escapeHtml, inlineJson } from "./html-escape.js";
import { HTML_PAGE_SCRIPT } from "./html-page-script.js";
import { HTML_PAGE_STYLE } from "./html-page-style.js";
import { modelLabel } from "./model-label.js";
import {
  cellText,
  costTotalsText,
  elasticityOf,
  elasticityText,
  gainText,
  statusBanner,
  tierHeader,
  tierText,
  upliftText,
} from "./report-text.js";
import { adaptiveReport } from "./adaptive-text.js";
import { renderTierChart } from "./tier-chart.js";

/** report.html: one self-contained page (inline style, script and SVG charts; no network). */
export function renderHtml(summary: Summary, samples: SampleRows | null = null): string {
  const title = `capbench report — ${summary.runId}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${HTML_PAGE_STYLE}</style></head>
<body>
<header>
<h1>${escapeHtml(title)} ${summary.simulated ? `<span class="badge">${summary.models.every((model) => model.simulated) ? "simulated models" : "includes simulated models"}</span>` : ""}</h1>
${bannerHtml(summary)}
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

function bannerHtml(summary: Summary): string {
  const banner = statusBanner(summary);
  return banner
    ? `<div class="banner error" role="alert" data-status="${escapeHtml(summary.run?.status ?? "")}"><strong>${escapeHtml(banner.title)}.</strong> ${escapeHtml(banner.text)}</div>`
    : "";
}

function flagsSection(summary: Summary): string {
  const banner = statusBanner(summary);
  const inconclusive = summary.flagTests.filter((test) => test.verdict === "inconclusive");
  const detail = (test: { cause: string | null; nextStep: string | null }) =>
    `${test.cause ? `<span class="cause">Likely cause: ${escapeHtml(test.cause)}.</span>` : ""}${test.nextStep ? `<span class="next">Next: ${escapeHtml(test.nextStep)}.</span>` : ""}`;
  const flags =
    summary.flags.length === 0
      ? banner
        ? `<div class="banner error">No bottleneck flag where data exist — the run did not complete (see above); flags were computed only for cells with data.</div>`
        : `<div class="no-flags">No bottleneck flags: ${summary.power.tests} flag tests of flat, ceiling, overtaken, regressing and dominated, at a family-wise α of ${summary.power.alpha}${inconclusive.length > 0 ? `; ${inconclusive.length} inconclusive below` : ""}.</div>`
      : summary.flags
          .map(
            (flag) =>
              `<div class="flag" data-flag="${flag.kind}"><b>${flag.kind}</b>${escapeHtml(flag.message)}${detail(flag)}</div>`,
          )
          .join("\n");
  const undecided = inconclusive
    .map(
      (test) =>
        `<div class="inconclusive" data-flag="${test.kind}"><b>inconclusive ${test.kind}</b>${escapeHtml(test.message.replace(/^Inconclusive: /, ""))}${detail(test)}</div>`,
    )
    .join("\n");
  const adaptive = adaptiveReport(summary);
  const adaptiveHtml = adaptive
    ? `<div class="adaptive" id="adaptive"><h3>Adaptive stopping</h3><p>${escapeHtml(adaptive.headline)}</p><ul>${[
        ...adaptive.early.map((line) => `<li>settled early: ${escapeHtml(line)}</li>`),
        ...adaptive.cells.map((line) => `<li>cells ${escapeHtml(line)}</li>`),
      ].join("")}</ul></div>`
    : "";
  return `<section id="flags"><h2>Bottleneck flags</h2>${flags}${undecided}${adaptiveHtml}</section>`;
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
        if (!value) return `<td class="num"></td>`;
        if (value.mean === null) return `<td class="num no-data">${escapeHtml(tierText(value))}</td>`;
        return `<td class="num">${formatScore(value.mean)} <span class="muted">${formatInterval(value.ci95)}</span>${value.errorHeavy ? ' <span class="badge">error-heavy</span>' : ""}</td>`;
      });
      const gainCell = gain
        ? `${formatSigned(gain.gain)} <span class="muted">[${formatSigned(gain.ci95[0])}, ${formatSigned(gain.ci95[1])}]${gain.mde !== null ? ` MDE ${gain.mde.toFixed(2)}` : ""}</span>${gain.significant ? "" : " n.s."}`
        : `<span class="no-data">${escapeHtml(gainText(summary, suite, harness))}</span>`;
      const elasticity = elasticityOf(summary, suite, harness);
      const elasticityCell = elasticity
        ? `${formatSigned(elasticity.slope)} <span class="muted">[${formatSigned(elasticity.ci95[0])}, ${formatSigned(elasticity.ci95[1])}]</span>`
        : `<span class="no-data">${escapeHtml(elasticityText(summary, suite, harness))}</span>`;
      const uplift = elasticity ? escapeHtml(upliftText(summary, elasticity)) : "";
      const normalized = gain?.normalizedGain != null ? formatSigned(gain.normalizedGain) : "–";
      return `<tr data-harness="${escapeHtml(harness)}"><td>${escapeHtml(harness)}</td>${cells.join("")}<td class="num">${gainCell}</td><td class="num elasticity">${elasticityCell}</td><td>${uplift || "–"}</td><td class="num">${normalized}</td></tr>`;
    });
  const allSimulated = summary.tierValues.filter((entry) => entry.suite === suite).every((entry) => entry.simulated);
  const horizon = renderHorizonChart(summary, suite);
  const cost = renderCostChart(summary, suite);
  const elasticity = renderElasticityChart(summary, suite);
  const unit = summary.capability.scale === "numeric" ? "capability unit" : "tier";
  return `<section class="suite" data-suite="${escapeHtml(suite)}"><h2>${escapeHtml(suite)}${allSimulated ? ' <span class="badge">simulated</span>' : ""}</h2>
<div class="charts">
<figure>${renderTierChart(summary, suite)}<figcaption>Score by tier (each tier's models weighted equally over the tasks they all scored); bands are ${formatLevel(summary.options.level)} intervals.</figcaption></figure>
${elasticity ? `<figure>${elasticity}<figcaption>Capability elasticity: the slope of score on ${summary.capability.scale === "numeric" ? "the models' capability" : "the tier index"}, per harness, with its ${formatLevel(summary.options.level)} task-bootstrap interval. ${summary.tiers.length} rungs give a slope, not a curve.</figcaption></figure>` : ""}
${horizon ? `<figure>${horizon}<figcaption>Difficulty at 50% success (logistic fit on log2 difficulty). Hollow triangles at an edge: below the easiest task (bottom) or above the hardest (top).</figcaption></figure>` : ""}
${cost ? `<figure>${cost}<figcaption>Score vs cost per task; dashed lines join each tier's frontier.</figcaption></figure>` : '<p class="muted">Score vs cost: no price for these models (cost unknown).</p>'}
</div>
<table><thead><tr><th>harness</th>${tiers.map((tier) => `<th>${escapeHtml(tierHeader(summary, suite, tier))}</th>`).join("")}<th>gain</th><th>elasticity (per ${unit})</th><th>uplift over ${escapeHtml(summary.options.baselineHarness)}</th><th>normalized gain</th></tr></thead>
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
      return `<td class="num">${escapeHtml(formatHorizon(entry, entry.observedRange))} <span class="muted">${escapeHtml(formatHorizonInterval(entry.ci95, entry.observedRange))}</span></td>`;
    });
    return `<tr><td>${escapeHtml(horizon.harness)}</td>${cells.join("")}<td class="num">${horizon.growth === null ? escapeHtml(horizon.growthNote ?? "–") : `×${horizon.growth.toFixed(2)}`}</td></tr>`;
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
    const horizon = cell.horizon ? formatHorizon(cell.horizon, cell.horizon.observedRange) : "–";
    const mean =
      cell.mean === null
        ? `<td class="num no-data">${escapeHtml(cellText(cell))}</td>`
        : `<td class="num">${formatScore(cell.mean)}</td>`;
    return `<tr><td>${escapeHtml(cell.suite)}</td><td>${escapeHtml(cell.harness)}</td><td>${escapeHtml(cell.model)}${cell.simulated ? " (simulated)" : ""}</td><td>${escapeHtml(cell.tier)}</td>
<td class="num">${cell.tasks}</td><td class="num">${cell.samples}</td><td class="num">${cell.errors}${cell.errorHeavy ? ' <span class="badge">error-heavy</span>' : ""}</td>${mean}<td class="num">${formatInterval(cell.ci95)}</td>
<td class="num">${passAtK}</td><td class="num">${formatUsd(cell.cost.perTaskUsd)}</td><td class="num">${perSolved}</td><td class="num">${formatUsd(cell.cost.paidUsd)}</td><td class="num">${formatUsd(cell.cost.replayedUsd)}</td><td class="num">${formatShare(cell.cost.cacheReadShare)}</td><td class="num">${escapeHtml(horizon)}</td></tr>`;
  });
  return `<section id="cells"><details><summary>Per model: tasks, errors, pass@k, cost (paid and replayed from the cache), prompt-cache reads, horizon</summary>
<p>${escapeHtml(costTotalsText(summary))}</p>
<table><thead><tr><th>suite</th><th>harness</th><th>model</th><th>tier</th><th>tasks</th><th>samples</th><th>errors</th><th>mean</th><th>interval</th><th>pass@k</th><th>cost / task</th><th>cost / solved</th><th>paid</th><th>replayed</th><th title="share of input tokens served from the provider's prompt cache">cache read</th><th>horizon</th></tr></thead>
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
<p>Per task, epochs are reduced with <code>${escapeHtml(summary.options.reducer)}</code>${summary.options.reducer === "mean" ? "" : ` (k=${summary.options.k})`}; intervals are a bootstrap over tasks (${summary.options.resamples} resamples, seed ${summary.options.seed}; families, then tasks, where tasks declare one).
A tier's value gives each of its models equal weight over the tasks they all scored. Gains are paired over the tasks present at both tiers, with their minimum detectable effect (MDE); normalized gain = gain ÷ (1 − bottom-tier score).
Each flag is a one-sided test of its claim; Holm's procedure holds the family-wise error at α = ${thresholds.alpha} over all ${summary.power.tests} flag tests of the run. "No gain" means a gain under ${thresholds.gainMargin} (equivalence margin); "as good as" means at most ${thresholds.scoreMargin} worse (non-inferiority margin); ceiling needs more than ${formatPercent(thresholds.ceilingLimitShare)} of top-tier failures to be harness limits; dominated compares with harnesses at ≤ ${formatPercent(thresholds.dominatedCostRatio)} of the cost. Minimum detectable effects are at ${formatPercent(thresholds.power)} power. See docs/statistics.md.</p>
${summary.notes.map((note) => `<p class="muted">${escapeHtml(note)}</p>`).join("")}
</details></section>`;
}
