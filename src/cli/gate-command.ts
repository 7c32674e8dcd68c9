import { appendFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import type { GateFlags } from "../gate/gate-flags.js";
import type { CliCommand } from "./cli-command.js";
import { listOption } from "./cli-command.js";
import { displayPath } from "./run-command.js";

export interface GateArgs extends GateFlags {
  dir: string;
  config?: string;
  junit?: string;
}

export const gateCommand: CliCommand<GateArgs> = {
  command: "gate <dir>",
  describe: "Check a run against gate rules (config gate: or flags); exit 1 when one fails",
  builder: (yargs) =>
    yargs
      .positional("dir", { type: "string", describe: "Results directory (or its summary.json)", demandOption: true })
      .option("config", {
        type: "string",
        describe: "Config file with gate: rules (default: capbench.config.* here, else the run's own config)",
      })
      .option("baseline", { type: "string", describe: "Baseline results directory or summary.json to compare against" })
      .option("min-score", {
        type: "string",
        array: true,
        describe: "Minimum mean score: 0.8, frontier=0.8, prompt/frontier=0.8 or arith/prompt/frontier=0.8",
        coerce: listOption,
      })
      .option("max-drop", {
        type: "number",
        describe: "Largest tolerated drop against --baseline, beyond noise (default 0)",
      })
      .option("require-scaling", {
        type: "string",
        array: true,
        describe: "Harnesses that must scale: no flat, ceiling or regressing flag (no value: all)",
        coerce: (value: unknown) => listOption(value) ?? [],
      })
      .option("max-error-rate", {
        type: "number",
        describe: "Largest share of errored samples per (suite, harness, model)",
      })
      .option("max-cost", { type: "number", describe: "Largest total cost of the run, USD" })
      .option("max-cost-per-task", {
        type: "number",
        describe: "Largest mean cost per task per (suite, harness, model), USD",
      })
      .option("alpha", {
        type: "number",
        describe: "Family-wise error rate of the baseline comparisons (default 0.05)",
      })
      .option("junit", { type: "string", describe: "Write JUnit XML here (one test case per rule check)" }),
  async handler(args, io) {
    const [{ runGate }, { formatGateCheck }, { renderJunit }, { githubAnnotations, githubStepSummary }] =
      await Promise.all([
        import("../runner/run-gate.js"),
        import("../gate/gate-check.js"),
        import("../gate/render-junit.js"),
        import("../gate/github-output.js"),
      ]);
    const outcome = await runGate({
      target: args.dir,
      cwd: io.cwd,
      ...(args.config ? { configPath: args.config } : {}),
      flags: {
        ...(args.minScore ? { minScore: args.minScore } : {}),
        ...(args.baseline ? { baseline: args.baseline } : {}),
        ...(args.maxDrop !== undefined ? { maxDrop: args.maxDrop } : {}),
        ...(args.requireScaling ? { requireScaling: args.requireScaling } : {}),
        ...(args.maxErrorRate !== undefined ? { maxErrorRate: args.maxErrorRate } : {}),
        ...(args.maxCost !== undefined ? { maxCost: args.maxCost } : {}),
        ...(args.maxCostPerTask !== undefined ? { maxCostPerTask: args.maxCostPerTask } : {}),
        ...(args.alpha !== undefined ? { alpha: args.alpha } : {}),
      },
    });
    const { result } = outcome;
    const baseline = outcome.rules.baseline ? `; baseline ${displayPath(io.cwd, outcome.rules.baseline)}` : "";
    io.stdout.write(
      `capbench gate ${displayPath(io.cwd, path.resolve(io.cwd, args.dir))} (rules from ${outcome.rulesFrom}${baseline})\n`,
    );
    for (const check of result.checks) io.stdout.write(`${formatGateCheck(check)}\n`);
    const failed = result.checks.filter((check) => check.status === "failed").length;
    io.stdout.write(
      result.passed
        ? `gate passed: ${result.checks.length} checks held or skipped\n`
        : `gate failed: ${failed} of ${result.checks.length} checks failed\n`,
    );

    if (args.junit) {
      const file = path.resolve(io.cwd, args.junit);
      try {
        const { ensureDirectory } = await import("../store/index.js");
        ensureDirectory(path.dirname(file));
        writeFileSync(file, renderJunit(result, { name: `capbench gate ${outcome.run.summary.runId}` }));
      } catch (error) {
        throw new UsageError(`--junit ${args.junit}: cannot write (${(error as Error).message})`);
      }
    }
    if (io.env.GITHUB_ACTIONS === "true") for (const line of githubAnnotations(result)) io.stdout.write(`${line}\n`);
    const stepSummary = io.env.GITHUB_STEP_SUMMARY;
    if (stepSummary) {
      const { readReportMarkdown } = await import("../store/index.js");
      const markdown = outcome.run.dir ? readReportMarkdown(outcome.run.dir) : null;
      try {
        appendFileSync(stepSummary, githubStepSummary(result, markdown));
      } catch (error) {
        throw new UsageError(`GITHUB_STEP_SUMMARY ${stepSummary}: cannot append (${(error as Error).message})`);
      }
    }
    return result.passed ? 0 : 1;
  },
};
