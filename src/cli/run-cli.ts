import { GateFailedError, RunError, UsageError } from "../errors.js";
import { redactSecrets } from "../models/secrets.js";
import type { CliIO } from "./cli-command.js";
import { CliUsage, createProgram, type HandlerOverrides } from "./create-program.js";

/** Runs the CLI and returns the exit code. The one place that maps errors to exit codes. */
export async function runCli(argv: string[], io: CliIO, overrides: HandlerOverrides = {}): Promise<number> {
  const result = { exitCode: 0 };
  try {
    await createProgram(argv, io, overrides, result).parseAsync();
    return result.exitCode;
  } catch (error) {
    if (error instanceof CliUsage) {
      io.stderr.write(`capbench: ${error.message}\nRun capbench --help for usage.\n`);
      return 2;
    }
    if (error instanceof UsageError || error instanceof RunError || error instanceof GateFailedError) {
      io.stderr.write(`capbench: ${redactSecrets(error.message)}\n`);
      return error.exitCode;
    }
    io.stderr.write(`capbench: internal error: ${redactSecrets((error as Error)?.stack ?? String(error))}\n`);
    return 3;
  }
}
