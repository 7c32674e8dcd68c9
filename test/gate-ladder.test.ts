import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/run-cli.js";
import { ROOT, tempDir } from "./cli-helpers.js";

const LADDER = ["--models", "sim:low,sim:mid,sim:frontier"];
const WORSE_HARNESS = path.join(ROOT, "test/fixtures/gate/half-prompt-harness.ts");

/** The CLI in-process, with captured output. */
async function cli(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}

let base = "";
let baseline = "";
let worse = "";
let rerun = "";

beforeAll(async () => {
  base = tempDir("capbench-gate-");
  baseline = path.join(base, "baseline");
  worse = path.join(base, "worse");
  rerun = path.join(base, "rerun");
  const common = ["run", "--suite", "arith", ...LADDER, "--no-progress", "--no-cache"];
  for (const [out, extra] of [
    [baseline, ["--harness", "prompt", "--seed", "1"]],
    [worse, ["--harness", WORSE_HARNESS, "--seed", "1"]],
    [rerun, ["--harness", "prompt", "--seed", "2"]],
  ] as const) {
    const result = await cli([...common, ...extra, "--out", out]);
    expect(result.code, result.stderr).toBe(0);
  }
}, 120_000);

describe("capbench gate on the simulated ladder", () => {
  it("fails a harness that got worse, naming the rule, the cell and the numbers", async () => {
    const result = await cli(["gate", worse, "--baseline", baseline, "--max-drop", "0.05"]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(
      /^FAILED max-drop arith \/ prompt \/ sim:frontier: 0\.\d\d → 0\.\d\d, change −0\.\d\d \[−0\.\d\d, −0\.\d\d\] \(\d+(\.\d)?% paired interval over 32 tasks; detectable drop 0\.\d\d\); exceeds the allowed drop 0\.05 by at least 0\.\d\d$/m,
    );
    expect(result.stdout).toContain("gate failed:");
  });

  it("passes an unchanged harness re-run with another seed (noise is not a drop)", async () => {
    const result = await cli(["gate", rerun, "--baseline", baseline]);
    expect(result.code, result.stdout).toBe(0);
    const dropLines = result.stdout.split("\n").filter((line) => line.includes("max-drop"));
    expect(dropLines).toHaveLength(3);
    for (const line of dropLines) expect(line).toMatch(/^held {3}max-drop .*within the allowed drop 0\.00/);
  });

  it("accepts the baseline as a summary.json file", async () => {
    const result = await cli(["gate", worse, "--baseline", path.join(baseline, "summary.json")]);
    expect(result.code).toBe(1);
  });

  it("checks minimum scores per tier and scaling, with by-how-much on every line", async () => {
    const result = await cli([
      "gate",
      baseline,
      "--min-score",
      "frontier=0.8",
      "--min-score",
      "arith/prompt/low=0.99",
      "--require-scaling",
      "prompt",
      "--max-error-rate",
      "0",
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^held {3}min-score arith \/ prompt \/ frontier: 0\.\d\d ≥ 0\.80 \(above by 0\.\d\d; 32 tasks\)$/m,
    );
    expect(result.stdout).toMatch(
      /^FAILED min-score arith \/ prompt \/ low: 0\.\d\d < 0\.99 \(below by 0\.\d\d; 32 tasks\)$/m,
    );
    expect(result.stdout).toMatch(/^held {3}require-scaling arith \/ prompt: gain low→frontier \+0\.\d\d/m);
    expect(result.stdout.match(/^held {3}max-error-rate /gm)).toHaveLength(3);
  });

  it("fails a lone shard or an unfinished run through the complete rule", async () => {
    const dir = path.join(base, "partial");
    const shard = await cli([
      "run",
      "--suite",
      "arith",
      ...LADDER,
      "--no-progress",
      "--no-cache",
      "--shard",
      "1/2",
      "--out",
      dir,
    ]);
    expect(shard.code, shard.stderr).toBe(0);
    const result = await cli(["gate", dir, "--min-score", "0"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAILED complete run: this is shard 1\/2 .*capbench merge/m);
  });

  it("writes JUnit XML that follows the common schema, with the right counts", async () => {
    const file = path.join(base, "reports", "junit.xml");
    const result = await cli([
      "gate",
      worse,
      "--baseline",
      baseline,
      "--min-score",
      "low=0.1",
      "--max-cost",
      "1",
      "--junit",
      file,
    ]);
    expect(result.code).toBe(1);
    const xml = readFileSync(file, "utf8");
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "",
      htmlEntities: true,
      isArray: (name) => ["testsuite", "testcase", "failure", "skipped", "system-out"].includes(name),
    });
    const document = parser.parse(xml, true) as {
      testsuites: Record<string, unknown> & { testsuite: Record<string, unknown>[] };
    };
    const root = document.testsuites;
    // junit-10.xsd: attributes each element may carry, and what it must carry.
    const allowed = {
      testsuites: ["name", "time", "tests", "failures", "disabled", "errors", "testsuite"],
      testsuite: [
        "name",
        "tests",
        "failures",
        "errors",
        "time",
        "disabled",
        "skipped",
        "skips",
        "timestamp",
        "hostname",
        "id",
        "package",
        "assertions",
        "file",
        "skip",
        "log",
        "url",
        "testcase",
        "properties",
        "system-out",
        "system-err",
      ],
      testcase: [
        "name",
        "assertions",
        "time",
        "timestamp",
        "classname",
        "status",
        "class",
        "file",
        "line",
        "log",
        "group",
        "url",
        "skipped",
        "failure",
        "error",
        "system-out",
        "system-err",
      ],
    };
    expect(Object.keys(root).filter((key) => !allowed.testsuites.includes(key))).toEqual([]);
    let tests = 0;
    let failures = 0;
    let skipped = 0;
    for (const suite of root.testsuite) {
      expect(Object.keys(suite).filter((key) => !allowed.testsuite.includes(key))).toEqual([]);
      expect(suite.tests).toMatch(/^\d+$/);
      const cases = suite.testcase as Record<string, unknown>[];
      expect(Number(suite.tests)).toBe(cases.length);
      const suiteFailures = cases.filter((testcase) => testcase.failure).length;
      const suiteSkipped = cases.filter((testcase) => testcase.skipped).length;
      expect(Number(suite.failures)).toBe(suiteFailures);
      expect(Number(suite.skipped)).toBe(suiteSkipped);
      for (const testcase of cases) {
        expect(Object.keys(testcase).filter((key) => !allowed.testcase.includes(key))).toEqual([]);
        expect(typeof testcase.name).toBe("string");
        for (const failure of (testcase.failure ?? []) as Record<string, string>[]) {
          expect(Object.keys(failure).sort()).toEqual(["#text", "message", "type"]);
        }
      }
      tests += cases.length;
      failures += suiteFailures;
      skipped += suiteSkipped;
    }
    expect(Number(root.tests)).toBe(tests);
    expect(Number(root.failures)).toBe(failures);
    // complete + min-score at low + 3 max-drop cells + max-cost; the drops at mid and frontier fail
    // (at low only a handful of tasks can change: an exact sign test on them cannot reach the
    // gate's level, so the rule holds rather than guess), max-cost has no price.
    expect(tests).toBe(6);
    expect(failures).toBe(2);
    expect(skipped).toBe(1);
    const drops = root.testsuite.find((suite) => suite.name === "capbench gate: max-drop")!.testcase as {
      name: string;
      failure: { message: string }[];
    }[];
    expect(drops.map((testcase) => testcase.name).sort()).toEqual([
      "arith / prompt / sim:frontier",
      "arith / prompt / sim:low",
      "arith / prompt / sim:mid",
    ]);
    expect(drops.flatMap((testcase) => testcase.failure ?? []).map((failure) => failure.message)).toEqual([
      expect.stringMatching(/ → .*exceeds the allowed drop/),
      expect.stringMatching(/ → .*exceeds the allowed drop/),
    ]);
  });

  it("on GitHub Actions: ::error annotations for failed rules and the report in the step summary", async () => {
    const summaryFile = path.join(base, "step-summary.md");
    writeFileSync(summaryFile, "earlier step\n");
    const env = { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summaryFile };
    const result = await cli(["gate", worse, "--baseline", baseline], { env });
    expect(result.code).toBe(1);
    const annotations = result.stdout.split("\n").filter((line) => line.startsWith("::error"));
    expect(annotations).toHaveLength(2);
    expect(annotations[0]).toMatch(
      /^::error title=capbench gate%3A max-drop arith \/ prompt \/ sim%3A\w+::max-drop arith \/ prompt \/ sim:\w+: /,
    );
    const summary = readFileSync(summaryFile, "utf8");
    expect(summary.startsWith("earlier step\n## capbench gate: failed (2 of 4 checks)")).toBe(true);
    expect(summary).toContain(readFileSync(path.join(worse, "report.md"), "utf8").trimEnd());

    const plain = await cli(["gate", worse, "--baseline", baseline], { env: {} });
    expect(plain.stdout).not.toContain("::error");
  });

  it("reads rules from capbench.config.yaml, paths relative to the config", async () => {
    const project = tempDir("capbench-gate-config-");
    writeFileSync(
      path.join(project, "capbench.config.yaml"),
      `gate:\n  baseline: ${path.relative(project, baseline)}\n  maxDrop: 0.05\n  minScore:\n    - { tier: frontier, min: 0.5 }\n`,
    );
    const failing = await cli(["gate", worse], { cwd: project });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain("rules from capbench.config.yaml;");
    expect(failing.stdout).toMatch(/^FAILED max-drop arith \/ prompt \/ sim:frontier/m);
    const passing = await cli(["gate", rerun], { cwd: project });
    expect(passing.code, passing.stdout).toBe(0);
  });

  it("falls back to the gate rules recorded in the run's run.json, and judges cost on priced models", async () => {
    const project = tempDir("capbench-gate-priced-");
    writeFileSync(
      path.join(project, "capbench.config.yaml"),
      [
        "suites: [arith]",
        "limit: 8",
        "models:",
        "  - { id: sim:low, tier: low, price: { input: 1, output: 4 } }",
        "  - { id: sim:frontier, tier: frontier, price: { input: 3, output: 15 } }",
        "gate:",
        "  maxCostUsd: 0.000001",
        "  maxCostPerTaskUsd: 1",
        "",
      ].join("\n"),
    );
    const out = path.join(project, "run");
    const ran = await cli(["run", "--no-progress", "--no-cache", "--out", out], { cwd: project });
    expect(ran.code, ran.stderr).toBe(0);
    // From a directory without a config: the rules come from the run's own run.json.
    const result = await cli(["gate", out], { cwd: base });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`rules from ${path.join(out, "run.json")} config`);
    expect(result.stdout).toMatch(/^FAILED max-cost run: total \$0\.\d+ > \$0\.0000010 \(over by \$0\.\d+\)$/m);
    expect(
      result.stdout.match(
        /^held {3}max-cost-per-task arith \/ prompt \/ sim:\w+: \$0\.\d+ per task ≤ \$1\.00 \(under by /gm,
      ),
    ).toHaveLength(2);
  });

  it("exits 2 on bad input: an invalid gate config names the file and field", async () => {
    const project = tempDir("capbench-gate-config-");
    writeFileSync(path.join(project, "capbench.config.yaml"), "gate:\n  minScore:\n    - { tier: top, min: 0.5 }\n");
    const invalid = await cli(["gate", baseline], { cwd: project });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/capbench\.config\.yaml: gate\.minScore\[0\]\.tier: /);

    const noRules = await cli(["gate", baseline], { cwd: base });
    expect(noRules.code).toBe(2);
    expect(noRules.stderr).toContain("no gate rules");

    const missingBaseline = await cli(["gate", baseline, "--baseline", path.join(base, "nowhere")]);
    expect(missingBaseline.code).toBe(2);
    expect(missingBaseline.stderr).toContain("--baseline");

    const badScore = await cli(["gate", baseline, "--min-score", "top=2"]);
    expect(badScore.code).toBe(2);

    const unknownHarness = await cli(["gate", baseline, "--require-scaling", "agent"]);
    expect(unknownHarness.code).toBe(2);
    expect(unknownHarness.stderr).toContain('no harness "agent" in the run');

    const nothingMatches = await cli(["gate", baseline, "--min-score", "agent/frontier=0.5"]);
    expect(nothingMatches.code).toBe(2);
    expect(nothingMatches.stderr).toContain("--min-score agent/frontier=0.5: matches nothing");
  });
});
