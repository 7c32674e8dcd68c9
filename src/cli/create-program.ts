import yargs, { type Argv } from "yargs";
import type { CliCommand, CliIO } from "./cli-command.js";
import { COMMANDS } from "./commands.js";
import { versionInfo } from "../runner/version-info.js";

export type HandlerOverrides = Partial<Record<string, CliCommand<unknown>["handler"]>>;

/**
 * The yargs program. Handlers can be replaced (tests inject spies to check parsing without
 * running anything). The exit code a handler returns lands in `result.exitCode`.
 */
export function createProgram(
  argv: string[],
  io: CliIO,
  overrides: HandlerOverrides = {},
  result: { exitCode: number } = { exitCode: 0 },
): Argv {
  let program = yargs(argv)
    .scriptName("capbench")
    .strict()
    .demandCommand(1, "Give a command, e.g. capbench run")
    .recommendCommands()
    .help()
    .version(versionInfo().capbench)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error) => {
      throw error ?? new CliUsage(message);
    });
  // yargs renders a command's whole help text before running it, to have it cached should the
  // handler show help later (40–60 ms of every run's start-up). capbench never shows help after a
  // command has started (errors say "Run capbench --help"), so the text is rendered only on --help.
  const usage = (program as unknown as { getInternalMethods(): { getUsageInstance(): { cacheHelpMessage(): void } } })
    .getInternalMethods?.()
    ?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === "function") usage.cacheHelpMessage = () => {};
  for (const command of COMMANDS) {
    const name = command.command.split(" ")[0]!;
    const handler = overrides[name] ?? command.handler;
    program = program.command(command.command, command.describe, command.builder, async (args) => {
      const code = await handler(args, io);
      result.exitCode = typeof code === "number" ? code : 0;
    });
  }
  return program;
}

/** A yargs parsing problem: exit 2. */
export class CliUsage extends Error {
  override readonly name = "CliUsage";
}
