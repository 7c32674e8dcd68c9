import path from "node:path";
import type { Summary } from "../analysis/summary-types.js";
import { findConfig, loadConfigFile } from "../config/load-config.js";
import { UsageError } from "../errors.js";
import type { GateResult } from "../gate/gate-check.js";
import { applyGateFlags, type GateFlags } from "../gate/gate-flags.js";
import { hasGateRules, NO_GATE_RULES, parseGateConfig, type GateRules } from "../gate/gate-rules.js";
import { evaluateGate } from "../gate/evaluate-gate.js";
import { loadGateInput, type GateInput } from "../gate/load-gate-input.js";

export interface RunGateOptions {
  /** Results directory (or a summary.json) to judge. */
  target: string;
  cwd: string;
  /** Config file; default capbench.config.* in cwd, else the config recorded in the run's run.json. */
  configPath?: string;
  flags?: GateFlags;
}

export interface GateOutcome {
  result: GateResult;
  rules: GateRules;
  /** Where the rules came from, for the first output line. */
  rulesFrom: string;
  run: GateInput;
  baseline: Summary | null;
}

/** Loads the run, the rules and the baseline, and checks every rule. Throws UsageError on bad input. */
export async function runGate(options: RunGateOptions): Promise<GateOutcome> {
  const target = path.resolve(options.cwd, options.target);
  const run = await loadGateInput(target, "gate");
  const { rules: configRules, from } = await configuredRules(options, run);
  const rules = applyGateFlags(configRules, options.flags ?? {}, options.cwd);
  if (!hasGateRules(rules)) {
    throw new UsageError(
      `no gate rules: add gate: to ${from === "defaults" ? "capbench.config.yaml" : from} or pass --min-score, --baseline, --require-scaling, --max-error-rate, --max-cost (see docs/ci.md)`,
    );
  }
  const baseline = rules.baseline ? (await loadGateInput(rules.baseline, "--baseline")).summary : null;
  const rulesFrom =
    options.flags && Object.values(options.flags).some((value) => value !== undefined)
      ? from === "defaults"
        ? "flags"
        : `${from} and flags`
      : from;
  const result = evaluateGate(run.summary, rules, {
    info: run.info,
    baseline,
    scalingOrigin: options.flags?.requireScaling ? "--require-scaling" : `${from}: gate.requireScaling`,
  });
  return { result, rules, rulesFrom, run, baseline };
}

async function configuredRules(options: RunGateOptions, run: GateInput): Promise<{ rules: GateRules; from: string }> {
  const file = options.configPath ? path.resolve(options.cwd, options.configPath) : findConfig(options.cwd);
  if (file) {
    const display = path.relative(options.cwd, file) || file;
    const config = await loadConfigFile(file, options.cwd);
    return { rules: parseGateConfig(config.gate, { file: display, baseDir: path.dirname(file) }), from: display };
  }
  const recorded = run.info?.config;
  if (
    recorded &&
    typeof recorded.gate === "object" &&
    recorded.gate !== null &&
    Object.keys(recorded.gate).length > 0
  ) {
    const display = path.join(run.dir ?? "", "run.json");
    const baseDir = typeof recorded.baseDir === "string" ? recorded.baseDir : options.cwd;
    return { rules: parseGateConfig(recorded.gate, { file: `${display} config`, baseDir }), from: `${display} config` };
  }
  return { rules: NO_GATE_RULES, from: "defaults" };
}
