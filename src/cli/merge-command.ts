import path from "node:path";
import type { CliCommand } from "./cli-command.js";
import { displayPath } from "./run-command.js";

export interface MergeArgs {
  dirs: string[];
  out: string;
  json: boolean;
}

export const mergeCommand: CliCommand<MergeArgs> = {
  command: "merge <dirs..>",
  describe: "Combine the shards of a run (capbench run --shard i/n) into one results directory",
  builder: (yargs) =>
    yargs
      .positional("dirs", {
        type: "string",
        array: true,
        describe: "The shard results directories",
        demandOption: true,
      })
      .option("out", { type: "string", demandOption: true, describe: "New results directory for the merged run" })
      .option("json", { type: "boolean", default: false, describe: "Print summary.json instead of the table" }),
  async handler(args, io) {
    const [{ mergeRuns }, { renderTerminal }] = await Promise.all([
      import("../merge/merge-runs.js"),
      import("../report/render-terminal.js"),
    ]);
    const outcome = await mergeRuns({
      dirs: args.dirs.map((dir) => path.resolve(io.cwd, dir)),
      out: path.resolve(io.cwd, args.out),
      cwd: io.cwd,
    });
    for (const warning of outcome.warnings) io.stderr.write(`capbench: warning: ${warning}\n`);
    if (args.json) io.stdout.write(`${JSON.stringify(outcome.summary, null, 2)}\n`);
    else {
      io.stdout.write(`${renderTerminal(outcome.summary)}\n`);
      io.stdout.write(
        `Merged ${args.dirs.length} shards, ${outcome.counts.done} samples: ${displayPath(io.cwd, outcome.dir)}\n`,
      );
    }
    return 0;
  },
};
