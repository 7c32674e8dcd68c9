import path from "node:path";
import type { CliCommand } from "./cli-command.js";
import { displayPath } from "./run-command.js";

export interface ReportArgs {
  dir: string;
  seed?: number;
  resamples?: number;
  reducer?: "mean" | "pass@k" | "pass^k";
  k?: number;
  baseline?: string;
  json: boolean;
}

export const reportCommand: CliCommand<ReportArgs> = {
  command: "report <dir>",
  describe: "Rebuild summary.json, report.md and report.html from a results directory",
  builder: (yargs) =>
    yargs
      .positional("dir", { type: "string", describe: "Results directory (with samples.jsonl)", demandOption: true })
      .option("seed", { type: "number", describe: "Bootstrap seed (default: the run's seed)" })
      .option("resamples", { type: "number", describe: "Bootstrap resamples (default 1000)" })
      .option("reducer", {
        type: "string",
        choices: ["mean", "pass@k", "pass^k"] as const,
        describe: "How a task's epochs become one value (default mean)",
      })
      .option("k", { type: "number", describe: "k of pass@k and pass^k (default 1)" })
      .option("baseline", { type: "string", describe: "Baseline harness of the overtaken flag (default prompt)" })
      .option("json", { type: "boolean", default: false, describe: "Print summary.json instead of the table" }),
  async handler(args, io) {
    const [{ rebuildReports }, { renderTerminal }] = await Promise.all([
      import("../report/rebuild-reports.js"),
      import("../report/render-terminal.js"),
    ]);
    const dir = path.resolve(io.cwd, args.dir);
    const summary = await rebuildReports(dir, {
      analysis: {
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        ...(args.resamples !== undefined ? { resamples: args.resamples } : {}),
        ...(args.reducer !== undefined ? { reducer: args.reducer } : {}),
        ...(args.k !== undefined ? { k: args.k } : {}),
        ...(args.baseline !== undefined ? { baselineHarness: args.baseline } : {}),
      },
    });
    if (args.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else
      io.stdout.write(
        `${renderTerminal(summary)}\nReports: ${displayPath(io.cwd, path.join(dir, "report.html"))}, report.md, summary.json\n`,
      );
    return 0;
  },
};
