import path from "node:path";
import { UsageError } from "../errors.js";
import { TIERS, type Tier } from "../types.js";
import type { CliCommand } from "./cli-command.js";
import { listOption } from "./cli-command.js";
import { displayPath } from "./run-command.js";

export interface ImportArgs {
  format: string;
  logs: string[];
  out?: string;
  harness?: string;
  suite?: string;
  tier?: string;
  tiers?: string[];
  config?: string;
  scorer?: string;
  seed?: number;
  json: boolean;
  progress: boolean;
}

export const importCommand: CliCommand<ImportArgs> = {
  command: "import <format> <logs..>",
  describe: "Import other tools' results (Inspect AI .eval/.json logs) into one results directory",
  builder: (yargs) =>
    yargs
      .positional("format", { type: "string", choices: ["inspect"], describe: "Log format", demandOption: true })
      .positional("logs", { type: "string", array: true, describe: "Logs (.eval or .json) or directories of them" })
      .option("out", { type: "string", describe: "Results directory (default results/<run-id>)" })
      .option("harness", { type: "string", describe: "Harness label of every log (default: its solver or plan)" })
      .option("suite", { type: "string", describe: "Suite label of every log (default: its task name)" })
      .option("tier", { type: "string", describe: "Tier of models not in --tiers: low, mid or frontier" })
      .option("tiers", {
        type: "string",
        array: true,
        describe: "Model tiers, e.g. openai/gpt-4o-mini=low,anthropic/claude-sonnet-4-5=frontier",
        coerce: listOption,
      })
      .option("config", { type: "string", describe: "Take model tiers from this capbench config's models" })
      .option("scorer", {
        type: "string",
        describe: "Scorer whose score counts (default: the log's first); NAME:KEY for a key of a dict score",
      })
      .option("seed", { type: "number", describe: "Seed of the bootstrap" })
      .option("json", { type: "boolean", default: false, describe: "Print summary.json instead of the table" })
      .option("progress", { type: "boolean", default: true, describe: "Show progress on stderr" }),
  async handler(args, io) {
    const tier = args.tier === undefined ? undefined : parseTier(args.tier, "--tier");
    const tiers: Record<string, Tier> = {};
    if (args.config) {
      const [{ loadConfigFile }, { resolveModels }] = await Promise.all([
        import("../config/load-config.js"),
        import("../config/resolve-config.js"),
      ]);
      const file = path.resolve(io.cwd, args.config);
      const config = await loadConfigFile(file, io.cwd);
      for (const model of resolveModels(config.models, `${args.config}: models`)) tiers[model.id] = model.tier;
    }
    for (const entry of args.tiers ?? []) {
      const equals = entry.lastIndexOf("=");
      if (equals <= 0) throw new UsageError(`--tiers: expected MODEL=TIER, got "${entry}"`);
      tiers[entry.slice(0, equals)] = parseTier(entry.slice(equals + 1), `--tiers ${entry}`);
    }
    const [{ importInspectLogs }, { createProgressReporter }, { renderTerminal }] = await Promise.all([
      import("../interop/inspect/import-inspect-logs.js"),
      import("../runner/progress-reporter.js"),
      import("../report/render-terminal.js"),
    ]);
    const outcome = await importInspectLogs({
      logs: args.logs,
      cwd: io.cwd,
      tiers,
      ...(tier ? { tier } : {}),
      ...(args.out !== undefined ? { out: path.resolve(io.cwd, args.out) } : {}),
      ...(args.harness !== undefined ? { harness: args.harness } : {}),
      ...(args.suite !== undefined ? { suite: args.suite } : {}),
      ...(args.scorer !== undefined ? { scorer: args.scorer } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.progress ? { reporter: createProgressReporter(io.stderr) } : {}),
    });
    for (const warning of outcome.warnings) io.stderr.write(`capbench: warning: ${warning}\n`);
    if (args.json) {
      io.stdout.write(`${JSON.stringify(outcome.summary, null, 2)}\n`);
      return 0;
    }
    const { counts } = outcome;
    io.stdout.write(`${renderTerminal(outcome.summary)}\n`);
    io.stdout.write(
      `Imported ${counts.samples} samples from ${counts.logs} Inspect log${counts.logs === 1 ? "" : "s"}: ${counts.passed} passed${counts.unscored ? `, ${counts.unscored} unscored` : ""}${counts.errors ? `, ${counts.errors} errored` : ""}\n`,
    );
    io.stdout.write(`Results: ${displayPath(io.cwd, outcome.dir)}\n`);
    return 0;
  },
};

function parseTier(value: string, where: string): Tier {
  if (!TIERS.includes(value as Tier))
    throw new UsageError(`${where}: tier must be one of ${TIERS.join(", ")}, got "${value}"`);
  return value as Tier;
}
