import type { CliCommand } from "./cli-command.js";

export interface ListArgs {
  json: boolean;
}

/** What a fresh install offers: built-in suites, harnesses (with their variant options), importers, scorers, providers. */
export async function listBuiltins(): Promise<{
  suites: { name: string; description: string }[];
  harnesses: { name: string; description: string; options: Record<string, string> }[];
  importers: string[];
  scorers: string[];
  providers: string[];
}> {
  const [{ builtinSuites }, { builtinHarnesses }, { importers }, { SCORER_TYPES }, { PROVIDERS }] = await Promise.all([
    import("../../suites/index.js"),
    import("../../harnesses/index.js"),
    import("../../suites/importers/index.js"),
    import("../../scorers/index.js"),
    import("../models/model-id.js"),
  ]);
  return {
    suites: Object.entries(builtinSuites).map(([name, suite]) => ({ name, description: suite.description ?? "" })),
    harnesses: Object.entries(builtinHarnesses).map(([name, harness]) => ({
      name,
      description: harness.description ?? "",
      options: Object.fromEntries(
        Object.entries(harness.options ?? {}).map(([option, kind]) => [
          option,
          Array.isArray(kind) ? kind.join("|") : String(kind),
        ]),
      ),
    })),
    importers: Object.keys(importers).map((prefix) => `${prefix}:PATH`),
    scorers: [...SCORER_TYPES],
    providers: PROVIDERS.map((provider) =>
      provider === "sim" ? "sim:low|mid|frontier (simulated)" : `${provider}:<model>`,
    ),
  };
}

export const listCommand: CliCommand<ListArgs> = {
  command: "list",
  describe: "List the built-in suites, harnesses and their options, importers, scorers and model providers",
  builder: (yargs) => yargs.option("json", { type: "boolean", default: false, describe: "Print as JSON" }),
  async handler(args, io) {
    const builtins = await listBuiltins();
    if (args.json) {
      io.stdout.write(`${JSON.stringify(builtins, null, 2)}\n`);
      return;
    }
    const lines = ["Suites (--suite NAME):"];
    for (const suite of builtins.suites) lines.push(`  ${suite.name.padEnd(12)} ${suite.description}`);
    lines.push(
      `  …or a suite file (.yaml, .jsonl), a TS module, or an importer: ${builtins.importers.join(", ")}`,
      "",
      "Harnesses (--harness NAME[option=value,...]):",
    );
    for (const harness of builtins.harnesses) {
      lines.push(`  ${harness.name.padEnd(12)} ${harness.description}`);
      const options = Object.entries(harness.options).map(
        ([option, kind]) => `${option}=${kind === "integer" ? "N" : kind === "string" ? "NAME" : kind}`,
      );
      if (options.length) lines.push(`  ${"".padEnd(12)} options: ${options.join(", ")}`);
    }
    lines.push(
      "  …or a module: --harness ./my-harness.ts",
      "",
      `Scorers (scorer.type): ${builtins.scorers.join(", ")}`,
      "",
      `Models: ${builtins.providers.join(", ")}`,
    );
    io.stdout.write(`${lines.join("\n")}\n`);
  },
};
