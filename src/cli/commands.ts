import type { CliCommand } from "./cli-command.js";
import { runCommand } from "./run-command.js";
import { gateCommand } from "./gate-command.js";
import { mergeCommand } from "./merge-command.js";
import { scoreCommand } from "./score-command.js";
import { reportCommand } from "./report-command.js";
import { compareCommand } from "./compare-command.js";
import { listCommand } from "./list-command.js";
import { planCommand } from "./plan-command.js";
import { importCommand } from "./import-command.js";
import { exportCommand } from "./export-command.js";

/** Every CLI command; each lives in its own file. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMMANDS: CliCommand<any>[] = [
  runCommand,
  planCommand,
  gateCommand,
  mergeCommand,
  scoreCommand,
  reportCommand,
  compareCommand,
  listCommand,
  importCommand,
  exportCommand,
];
