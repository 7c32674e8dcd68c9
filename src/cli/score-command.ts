import path from "node:path";
import { UsageError } from "../errors.js";
import { TIERS, type Tier } from "../types.js";
import type { CliCommand } from "./cli-command.js";
import { displayPath } from "./run-command.js";

export interface ScoreArgs {
  suite?: string;
  completions?: string[];
  out?: string;
  harness?: string;
  model?: string;
  tier?: string;
  concurrency?: number;
  seed?: number;
  limit?: number;
  shard?: string;
  resume?: string;
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
        describe: "Suite: built-in name, importer:PATH (humaneval:, mbpp:, gsm8k:, bfcl:) or a suite file",
      })
      .option("completions", {
        type: "string",
        array: true,
        describe:
          "JSONL of { task_id, completion } (optionally harness, model, tier, epoch); repeat for several files; FILE[harness=…,model=…,tier=…,completion=FIELD] labels a file's lines",
      })
      .option("out", { type: "string", describe: "Results directory (default results/<run-id>)" })
      .option("harness", {
        type: "string",
        describe: "Harness label of lines that give none (default: completions)",
      })
      .option("model", {
        type: "string",
        describe: "Label of the model that wrote lines that give none (default: completions)",
      })
      .option("tier", {
        type: "string",
        describe: "Tier of lines that give none: low, mid or frontier (default frontier)",
      })
      .option("concurrency", { type: "number", describe: "Completions scored at once" })
      .option("seed", { type: "number", describe: "Seed of the bootstrap" })
      .option("limit", { type: "number", describe: "At most N tasks of the suite" })
      .option("shard", {
        type: "string",
        describe: "Score shard i of n of the tasks, e.g. 2/4 (merge with `capbench merge`)",
      })
      .option("resume", { type: "string", describe: "Finish the interrupted scoring run in this directory" })
      .option("json", { type: "boolean", default: false, describe: "Print summary.json instead of the table" })
      .option("unsafe-no-sandbox", {
        type: "boolean",
        default: false,
        describe: "Run the code without bubblewrap (dangerous)",
      })
      .option("progress", { type: "boolean", default: true, describe: "Show progress on stderr" }),
  async handler(args, io) {
    if (args.resume) {
      const conflicting = (
        ["suite", "completions", "harness", "model", "tier", "seed", "limit", "out", "shard"] as const
      ).filter((name) => args[name] !== undefined);
      if (conflicting.length)
        throw new UsageError(
          `--resume ${args.resume}: the run keeps what it started with; drop ${conflicting.map((name) => `--${name}`).join(", ")}`,
        );
    } else {
      if (!args.suite) throw new UsageError("--suite: required (the suite the completions answer)");
      if (!args.completions?.length)
        throw new UsageError("--completions: required (a JSONL file of { task_id, completion })");
    }
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
    const [
      { scoreCompletions },
      { run },
      { createProgressReporter },
      { renderTerminal },
      { parseShard },
      { UNSAFE_WARNING },
    ] = await Promise.all([
      import("../runner/score-completions.js"),
      import("../runner/run.js"),
      import("../runner/progress-reporter.js"),
      import("../report/render-terminal.js"),
      import("../runner/shard.js"),
      import("../sandbox/index.js"),
    ]);
    if (args.unsafeNoSandbox) io.stderr.write(`capbench: ${UNSAFE_WARNING}\n`);
    const common = {
      cwd: io.cwd,
      env: io.env,
      ...(io.signal ? { signal: io.signal } : {}),
      ...(args.progress ? { reporter: createProgressReporter(io.stderr) } : {}),
    };
    if (args.resume) {
      const { resolveConfig } = await import("../config/resolve-config.js");
      const outcome = await run({
        ...common,
        config: resolveConfig({}, {}, { configPath: null, cwd: io.cwd }),
        resumeDir: path.resolve(io.cwd, args.resume),
      });
      if (outcome.alreadyComplete)
        io.stderr.write(
          `capbench: ${displayPath(io.cwd, outcome.dir)} is already ${outcome.status}; nothing to resume\n`,
        );
      io.stdout.write(
        args.json
          ? `${JSON.stringify(outcome.summary, null, 2)}\n`
          : `${renderTerminal(outcome.summary)}\nResults: ${displayPath(io.cwd, outcome.dir)}\n`,
      );
      return outcome.interrupted ? 130 : 0;
    }
    const outcome = await scoreCompletions({
      ...common,
      suite: args.suite!,
      completions: args.completions!,
      tier: tier as Tier,
      sandbox: args.unsafeNoSandbox ? "unsafe-none" : "bwrap",
      ...(args.out !== undefined ? { out: path.resolve(io.cwd, args.out) } : {}),
      ...(args.harness !== undefined ? { harness: args.harness } : {}),
      ...(args.model !== undefined ? { model: args.model } : {}),
      ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.limit !== undefined ? { limit: args.limit } : {}),
      ...(args.shard !== undefined ? { shard: parseShard(args.shard) } : {}),
    });
    if (args.json) {
      io.stdout.write(`${JSON.stringify(outcome.summary, null, 2)}\n`);
    } else {
      const { counts } = outcome;
      const cells = outcome.summary.cells;
      const passAtK =
        cells.length === 1
          ? Object.entries(cells[0]?.passAtK ?? {}).map(([k, value]) => `pass@${k} ${(value * 100).toFixed(1)}%`)
          : [];
      io.stdout.write(`${renderTerminal(outcome.summary)}\n`);
      io.stdout.write(
        `Scored ${counts.completions} completions of ${counts.tasksScored} tasks${cells.length > 1 ? ` in ${cells.length} harness × model cells` : ""}: ${counts.passed} passed${counts.errors ? `, ${counts.errors} scorer errors` : ""}${passAtK.length ? `; ${passAtK.join(", ")}` : ""}${counts.tasksWithout ? ` (${counts.tasksWithout} tasks of the suite had no completion)` : ""}\n`,
      );
      io.stdout.write(`Results: ${displayPath(io.cwd, outcome.dir)}\n`);
    }
    return outcome.interrupted ? 130 : 0;
  },
};
