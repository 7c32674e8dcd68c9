import path from "node:path";
import { UsageError } from "../errors.js";
import { TIERS, type Tier } from "../types.js";
import type { CliCommand } from "./cli-command.js";
import { displayPath } from "./run-command.js";

export interface ScoreArgs {
  suite: string;
  completions: string;
  out?: string;
  model?: string;
  tier?: string;
  concurrency?: number;
  seed?: number;
  limit?: number;
  json: boolean;
  unsafeNoSandbox: boolean;
  progress: boolean;
}

export const scoreCommand: CliCommand<ScoreArgs> = {
  command: "score",
  describe: "Score completions you already have (JSONL of { task_id, completion }) against a suite, with no model",
  builder: (yargs) =>
    yargs
      .option("suite", {
        type: "string",
        demandOption: true,
        describe: "Suite: built-in name, importer:PATH (humaneval:, mbpp:, gsm8k:, bfcl:) or a suite file",
      })
      .option("completions", {
        type: "string",
        demandOption: true,
        describe: "JSONL of { task_id, completion }; several lines per task make epochs (pass@k)",
      })
      .option("out", { type: "string", describe: "Results directory (default results/<run-id>)" })
      .option("model", {
        type: "string",
        describe: "Label of the model that wrote the completions (default: completions)",
      })
      .option("tier", { type: "string", describe: "Its tier: low, mid or frontier (default frontier)" })
      .option("concurrency", { type: "number", describe: "Completions scored at once" })
      .option("seed", { type: "number", describe: "Seed of the bootstrap" })
      .option("limit", { type: "number", describe: "At most N tasks of the suite" })
      .option("json", { type: "boolean", default: false, describe: "Print summary.json instead of the table" })
      .option("unsafe-no-sandbox", {
        type: "boolean",
        default: false,
        describe: "Run the code without bubblewrap (dangerous)",
      })
      .option("progress", { type: "boolean", default: true, describe: "Show progress on stderr" }),
  async handler(args, io) {
    const tier = args.tier ?? "frontier";
    if (!TIERS.includes(tier as Tier))
      throw new UsageError(`--tier: must be one of ${TIERS.join(", ")}, got "${tier}"`);
    for (const [name, value] of [
      ["concurrency", args.concurrency],
      ["limit", args.limit],
    ] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1))
        throw new UsageError(`--${name}: must be a positive integer, got ${value}`);
    }
    const [{ scoreCompletions }, { createProgressReporter }, { renderTerminal }, { UNSAFE_WARNING }] =
      await Promise.all([
        import("../runner/score-completions.js"),
        import("../runner/progress-reporter.js"),
        import("../report/render-terminal.js"),
        import("../sandbox/index.js"),
      ]);
    if (args.unsafeNoSandbox) io.stderr.write(`capbench: ${UNSAFE_WARNING}\n`);
    const outcome = await scoreCompletions({
      suite: args.suite,
      completionsFile: args.completions,
      cwd: io.cwd,
      env: io.env,
      tier: tier as Tier,
      sandbox: args.unsafeNoSandbox ? "unsafe-none" : "bwrap",
      ...(args.out !== undefined ? { out: path.resolve(io.cwd, args.out) } : {}),
      ...(args.model !== undefined ? { model: args.model } : {}),
      ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.limit !== undefined ? { limit: args.limit } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      ...(args.progress ? { reporter: createProgressReporter(io.stderr) } : {}),
    });
    if (args.json) {
      io.stdout.write(`${JSON.stringify(outcome.summary, null, 2)}\n`);
    } else {
      const { counts } = outcome;
      const passAtK = Object.entries(outcome.summary.cells[0]?.passAtK ?? {}).map(
        ([k, value]) => `pass@${k} ${(value * 100).toFixed(1)}%`,
      );
      io.stdout.write(`${renderTerminal(outcome.summary)}\n`);
      io.stdout.write(
        `Scored ${counts.completions} completions of ${counts.tasksScored} tasks: ${counts.passed} passed${counts.errors ? `, ${counts.errors} scorer errors` : ""}${passAtK.length ? `; ${passAtK.join(", ")}` : ""}${counts.tasksWithout ? ` (${counts.tasksWithout} tasks of the suite had no completion)` : ""}\n`,
      );
      io.stdout.write(`Results: ${displayPath(io.cwd, outcome.dir)}\n`);
    }
    return outcome.interrupted ? 130 : 0;
  },
};
