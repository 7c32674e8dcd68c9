import type { Argv } from "yargs";
import { splitOutsideBrackets } from "../runner/split-outside-brackets.js";

export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}

/**
 * One CLI command: its flags, and a handler that calls the library. A handler returns the
 * exit code (0 by default) or throws; src/cli/run-cli.ts maps errors to exit codes.
 */
export interface CliCommand<Args> {
  command: string;
  describe: string;
  builder(yargs: Argv): Argv;
  handler(args: Args, io: CliIO): Promise<number | void>;
}

/** `--models a,b --models c` → ["a", "b", "c"]; commas inside brackets stay: `workflow[k=3,read=1]`. */
export function listOption(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((item) => splitOutsideBrackets(String(item)));
  return items.length ? items : undefined;
}
