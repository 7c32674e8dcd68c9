// Opens report.html in headless Chromium: the charts render, the page has no console errors,
// and a sample row opens its trajectory. Skips only when /usr/bin/chromium is absent.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summarizeRun } from "../src/analysis/summarize-run.js";
import type { SyntheticHarness } from "../src/analysis/synthetic-samples.js";
import { writeSyntheticRun } from "../src/analysis/write-synthetic-run.js";
import { writeReports } from "../src/report/write-reports.js";
import type { Tier } from "../src/types.js";
import { writeDeadTierRun } from "./dead-tier-run.js";

const chromiumPath = "/usr/bin/chromium";
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) console.warn(`report-html.test.ts skipped: ${chromiumPath} is absent (apt-get install -y chromium)`);

const ladder = [
  { id: "sim:low", tier: "low" as const },
  { id: "sim:mid", tier: "mid" as const },
  { id: "sim:frontier", tier: "frontier" as const },
];
const capability: Record<Tier, number> = { low: 2, mid: 3.2, frontier: 4.5 };
const sigmoid = (value: number) => 1 / (1 + Math.exp(-value));
/** Success falls with log2(difficulty); `reach` shifts the 50% point per tier. */
const byDifficulty = (
  name: string,
  reach: (tier: Tier) => number,
  extra: Partial<SyntheticHarness> = {},
): SyntheticHarness => ({
  name,
  successProbability: (tier, task) => sigmoid(2 * (reach(tier) - Math.log2(task.difficulty))),
  ...extra,
});

describe.skipIf(!hasChromium)("report.html in headless Chromium", () => {
  let runDir: string;
  let incompleteDir: string;
  let profileDir: string;

  beforeAll(async () => {
    runDir = await mkdtemp(join(tmpdir(), "capbench-report-html-"));
    incompleteDir = await mkdtemp(join(tmpdir(), "capbench-report-incomplete-"));
    // A real frontier model that could not be reached: every one of its samples errored.
    await writeDeadTierRun(incompleteDir, [
      byDifficulty("prompt", (tier) => capability[tier]),
      byDifficulty("workflow", () => 2.6),
    ]);
    await writeReports(incompleteDir, await summarizeRun(incompleteDir));
    profileDir = await mkdtemp(join(tmpdir(), "capbench-chromium-profile-"));
    await writeSyntheticRun(runDir, {
      runId: "html-test",
      seed: 5,
      traceEvery: 5,
      specs: [
        {
          seed: 5,
          suite: "arith",
          tasks: 48,
          epochs: 2,
          models: ladder,
          difficulty: (index) => 1 + (index % 16),
          harnesses: [
            byDifficulty("prompt", (tier) => capability[tier], { costPerSample: 0.0005 }),
            byDifficulty("workflow", () => 2.6, { costPerSample: 0.002 }),
            byDifficulty("agent", (tier) => Math.min(capability[tier] + 0.5, 3.9), {
              costPerSample: 0.004,
              failureStopReason: () => "max_turns",
            }),
          ],
        },
        {
          seed: 6,
          suite: "lookup",
          tasks: 30,
          epochs: 1,
          models: ladder,
          errorRate: 0.05,
          harnesses: [
            {
              name: "prompt",
              successProbability: (tier, task) => ({ low: 0.4, mid: 0.6, frontier: 0.8 })[tier] + task.easiness * 0.3,
              costPerSample: null,
            },
            {
              name: "agent",
              successProbability: (tier, task) => ({ low: 0.5, mid: 0.7, frontier: 0.85 })[tier] + task.easiness * 0.3,
              costPerSample: null,
            },
          ],
        },
      ],
    });
    await writeReports(runDir, await summarizeRun(runDir));
  });

  afterAll(async () => {
    await rm(runDir, { recursive: true, force: true });
    await rm(incompleteDir, { recursive: true, force: true });
    await rm(profileDir, { recursive: true, force: true });
  });

  it("renders the charts, flags, failure breakdown and trajectories with no console errors", async () => {
    const html = await readFile(join(runDir, "report.html"), "utf8");
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?https?:/i); // nothing fetched from the network
    // A fresh profile directory (playwright passes it as --user-data-dir).
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning")
          problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
      page.on("request", (request) => {
        if (!request.url().startsWith("file:")) requests.push(request.url());
      });
      await page.goto(`file://${join(runDir, "report.html")}`);

      await page.screenshot({ path: join(tmpdir(), "capbench-report-top.png") });
      await expect(page.locator("h1").textContent()).resolves.toContain("html-test");
      await expect(page.locator("h1 .badge").textContent()).resolves.toBe("simulated models");
      // One score-vs-tier chart per suite, a horizon chart for arith (difficulty), a cost chart only where priced.
      expect(await page.locator('svg.chart[aria-label="arith: score by model tier (simulated models)"]').count()).toBe(
        1,
      );
      expect(await page.locator('svg.chart[aria-label="lookup: score by model tier (simulated models)"]').count()).toBe(
        1,
      );
      expect(await page.locator('svg.chart[aria-label="arith: difficulty at 50% success by tier"]').count()).toBe(1);
      expect(await page.locator('svg.chart[aria-label="arith: score vs cost per task"]').count()).toBe(1);
      expect(await page.locator('svg.chart[aria-label="lookup: score vs cost per task"]').count()).toBe(0);
      await expect(page.locator('[data-suite="lookup"]').textContent()).resolves.toContain("no price");
      // Each harness line of the arith tier chart has 3 points and a visible size.
      const series = page.locator('svg.chart[aria-label^="arith: score by"] polyline.series');
      expect(await series.count()).toBe(3);
      const box = await page.locator('svg.chart[aria-label^="arith: score by"]').boundingBox();
      expect(box!.width).toBeGreaterThan(300);

      const flags = await page.locator("#flags .flag, #flags .inconclusive").allTextContents();
      expect(flags.length).toBeGreaterThan(0);
      expect(flags.some((text) => /workflow on arith/.test(text))).toBe(true);
      // The elasticity of each harness with its interval: a dot inside a bar, and the numbers on hover.
      const elasticity = page.locator('svg.chart[aria-label="arith: capability elasticity (score per tier)"]');
      expect(await elasticity.count()).toBe(1);
      expect(await elasticity.locator("g.elasticity").count()).toBe(3);
      for (const harness of ["prompt", "workflow", "agent"]) {
        const group = elasticity.locator(`g.elasticity[data-harness="${harness}"]`);
        const bar = await group.locator("line.interval").boundingBox();
        const dot = await group.locator("circle.estimate").boundingBox();
        expect(dot!.x + dot!.width / 2).toBeGreaterThanOrEqual(bar!.x - 1);
        expect(dot!.x + dot!.width / 2).toBeLessThanOrEqual(bar!.x + bar!.width + 1);
        await expect(group.locator("title").textContent()).resolves.toMatch(
          new RegExp(`^${harness}: [+−±]0\\.\\d\\d per tier \\[[+−±]0\\.\\d\\d, [+−±]0\\.\\d\\d\\] over 48 tasks$`),
        );
      }
      await expect(
        page.locator('[data-suite="arith"] tr[data-harness="prompt"] td.elasticity').textContent(),
      ).resolves.toMatch(/^\+0\.\d\d \[\+0\.\d\d, \+0\.\d\d\]$/);
      await page.locator('[data-suite="arith"]').screenshot({ path: join(tmpdir(), "capbench-report-suite.png") });
      expect(await page.locator("#failures .bar span.limit").count()).toBeGreaterThan(0);

      const rows = page.locator("#sample-body tr");
      expect(await rows.count()).toBe(100);
      await page.selectOption("#sample-filter", "errors");
      const errorRows = await rows.count();
      expect(errorRows).toBeGreaterThan(0);
      await expect(rows.first().locator("td.result").textContent()).resolves.toBe("error");
      await page.selectOption("#sample-filter", "failures");
      const opened = rows.filter({ hasText: "open" }).first();
      await opened.click();
      await expect(page.locator("#trajectory-dialog").getAttribute("open")).resolves.not.toBeNull();
      expect(await page.locator("#trajectory-body .event").count()).toBe(2);
      await expect(page.locator("#trajectory-body").textContent()).resolves.toContain("The answer is 41.");

      await page.screenshot({ path: join(tmpdir(), "capbench-report-dialog.png") });
      await page.locator("#trajectory-close").click();
      const screenshot = join(tmpdir(), "capbench-report.png");
      await page.screenshot({ path: screenshot, fullPage: true });
      expect((await stat(screenshot)).size).toBeGreaterThan(20_000);

      expect(problems).toEqual([]);
      expect(requests).toEqual([]);

      // An incomplete run: a red banner, never the green one; no data cells; the real model is not "simulated".
      await page.goto(`file://${join(incompleteDir, "report.html")}`);
      await page.screenshot({ path: join(tmpdir(), "capbench-report-incomplete.png") });
      await expect(page.locator(".banner.error").first().textContent()).resolves.toMatch(/^Incomplete run\./);
      expect(await page.locator(".no-flags").count()).toBe(0);
      const headers = await page.locator('[data-suite="arith"] thead th').allTextContents();
      expect(headers).toContain("frontier");
      expect(headers).toContain("low (simulated)");
      await expect(
        page.locator('[data-suite="arith"] tr[data-harness="prompt"] td.no-data').first().textContent(),
      ).resolves.toBe("no data (20 errors)");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
