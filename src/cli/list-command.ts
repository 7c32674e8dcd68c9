import type { CliCommand } from "./cli-command.js";

export interface ListArgs {
  json: boolean;
}

/** One registered plug-in with the JSON Schema of its options. */
export interface ListedPlugin {
  kind: string;
  name: string;
  description: string;
  options: Record<string, unknown>;
}

/** A short form of one option's JSON Schema: `a|b`, `integer`, `number`, `string`, … */
function optionShape(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return schema.enum.join("|");
  if (typeof schema.pattern === "string" && schema.pattern === "^\\d+$") return "integer";
  if (Array.isArray(schema.anyOf))
    return (schema.anyOf as Record<string, unknown>[]).map((option) => optionShape(option)).join(" or ");
  if (schema.type === "array") return `${optionShape((schema.items as Record<string, unknown>) ?? {})}[]`;
  return typeof schema.type === "string" ? schema.type : "any";
}

/** What a fresh install offers: every registered plug-in, with its options. */
export async function listBuiltins(): Promise<{
  suites: { name: string; description: string }[];
  harnesses: { name: string; description: string; options: Record<string, string> }[];
  importers: string[];
  scorers: string[];
  providers: string[];
  plugins: ListedPlugin[];
}> {
  const [{ builtinRegistry }, { z }] = await Promise.all([import("../registry/builtin-registry.js"), import("zod")]);
  const registry = builtinRegistry();
  const kinds = ["harness", "scorer", "suite", "importer", "provider"] as const;
  const plugins: ListedPlugin[] = kinds.flatMap((kind) =>
    registry.list(kind).map((plugin) => ({
      kind,
      name: plugin.name,
      description: plugin.description,
      options: z.toJSONSchema(plugin.options, { unrepresentable: "any", io: "input" }) as Record<string, unknown>,
    })),
  );
  const optionsOf = (plugin: ListedPlugin): Record<string, string> =>
    Object.fromEntries(
      Object.entries((plugin.options.properties ?? {}) as Record<string, Record<string, unknown>>).map(
        ([name, schema]) => [name, optionShape(schema)],
      ),
    );
  const ofKind = (kind: string) => plugins.filter((plugin) => plugin.kind === kind);
  return {
    suites: ofKind("suite").map(({ name, description }) => ({ name, description })),
    harnesses: ofKind("harness").map((plugin) => ({
      name: plugin.name,
      description: plugin.description,
      options: optionsOf(plugin),
    })),
    importers: ofKind("importer").map((plugin) => `${plugin.name}:PATH`),
    scorers: ofKind("scorer").map((plugin) => plugin.name),
    providers: ofKind("provider").map((plugin) =>
      plugin.name === "sim" ? "sim:low|mid|frontier (simulated)" : `${plugin.name}:<model>`,
    ),
    plugins,
  };
}

export const listCommand: CliCommand<ListArgs> = {
  command: "list",
  describe: "List the registered suites, harnesses, scorers, importers and model providers, with their options",
  builder: (yargs) => yargs.option("json", { type: "boolean", default: false, describe: "Print as JSON" }),
  async handler(args, io) {
    const builtins = await listBuiltins();
    if (args.json) {
      io.stdout.write(`${JSON.stringify(builtins, null, 2)}\n`);
      return;
    }
    const lines = ["Suites (--suite NAME; options under suiteOptions.NAME):"];
    for (const suite of builtins.plugins.filter((plugin) => plugin.kind === "suite")) {
      lines.push(`  ${suite.name.padEnd(12)} ${suite.description}`);
      const options = Object.keys((suite.options.properties ?? {}) as object);
      if (options.length) lines.push(`  ${"".padEnd(12)} options: ${options.join(", ")}`);
    }
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
    lines.push("  …or a module: --harness ./my-harness.ts", "", "Scorers (scorer: { type: NAME, …options }):");
    for (const scorer of builtins.plugins.filter((plugin) => plugin.kind === "scorer")) {
      const options = Object.keys((scorer.options.properties ?? {}) as object);
      lines.push(
        `  ${scorer.name.padEnd(12)} ${scorer.description}${options.length ? ` (${options.join(", ")})` : ""}`,
      );
    }
    lines.push("", `Models: ${builtins.providers.join(", ")}`);
    io.stdout.write(`${lines.join("\n")}\n`);
  },
};
