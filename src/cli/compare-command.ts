import path from "node:path";
import type { CliCommand } from "./cli-command.js";

export interface CompareArgs {
  before: string;
  after: string;
  seed?: number;
  json: boolean;
}

export const compareCommand: CliCommand<CompareArgs> = {
  command: "compare <before> <after>",
  describe: "Show what changed per cell between two results directories, with paired intervals",
  builder: (yargs) =>
    yargs
      .positional("before", { type: "string", describe: "Results directory of the earlier run", demandOption: true })
      .positional("after", { type: "string", describe: "Results directory of the later run", demandOption: true })
      .option("seed", { type: "number", describe: "Bootstrap seed (default: the earlier run's seed)" })
      .option("json", { type: "boolean", default: false, describe: "Print the comparison as JSON" }),
  async handler(args, io) {
    const [{ compareRuns }, { renderComparison }] = await Promise.all([
      import("../report/compare-runs.js"),
      import("../report/render-comparison.js"),
    ]);
    const comparison = await compareRuns(
      path.resolve(io.cwd, args.before),
      path.resolve(io.cwd, args.after),
      args.seed !== undefined ? { seed: args.seed } : {},
    );
    io.stdout.write(args.json ? `${JSON.stringify(comparison, null, 2)}\n` : `${renderComparison(comparison)}\n`);
    return 0;
  },
};
