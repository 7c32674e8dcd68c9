import { priceOf } from "../../models/prices.js";
import { TIERS, type Tier } from "../../types.js";
import type { ImportedLogContext } from "./inspect-sample-to-record.js";
import type { InspectHeader } from "./inspect-log-types.js";
import { capbenchModelId } from "./model-names.js";

export interface LogLabelOptions {
  /** Harness label for every log (default: from the log's solver or plan). */
  harness?: string;
  /** Suite label for every log (default: the log's task name). */
  suite?: string;
  /** Tier of every model without an entry in `tiers`. */
  tier?: Tier;
  /** Model → tier; keys in either spelling (`openai/gpt-4o-mini` or `openai:gpt-4o-mini`). */
  tiers?: Record<string, Tier>;
  /** `NAME` or `NAME:KEY` (a dict-valued score's key). Default: the log's first scorer. */
  scorer?: string;
}

/**
 * How one log is labelled in the results: suite, harness, model and tier, and the scorer
 * that counts. A log capbench exported carries its own labels (eval.metadata.capbench); the
 * options override them. `tier` is null when no option or label gives one.
 */
export function describeInspectLog(
  header: InspectHeader,
  file: string,
  options: LogLabelOptions,
): Omit<ImportedLogContext, "tier"> & { tier: Tier | null } {
  const ours = labels(header.eval.metadata?.capbench);
  const inspectModel = header.eval.model;
  const model = ours.model ?? capbenchModelId(inspectModel);
  const tier = options.tiers?.[model] ?? options.tiers?.[inspectModel] ?? options.tier ?? ours.tier ?? null;
  const colon = options.scorer?.indexOf(":") ?? -1;
  const scorer =
    options.scorer !== undefined
      ? colon === -1
        ? options.scorer
        : options.scorer.slice(0, colon)
      : (header.results?.scores?.[0]?.name ?? null);
  return {
    file,
    suite: options.suite ?? ours.suite ?? header.eval.task,
    harness: options.harness ?? ours.harness ?? harnessFromPlan(header),
    model,
    inspectModel,
    tier,
    simulated: ours.simulated ?? model.startsWith("sim:"),
    ...(ours.capability !== undefined ? { capability: ours.capability } : {}),
    scorer,
    ...(colon !== -1 && options.scorer ? { scoreKey: options.scorer.slice(colon + 1) } : {}),
    price: tier ? priceOf({ id: model, tier }) : null,
  };
}

/** The solver named on the command line (`--solver`), else the plan's solver steps joined by `+`. */
export function harnessFromPlan(header: InspectHeader): string {
  if (typeof header.eval.solver === "string" && header.eval.solver) return header.eval.solver;
  const steps = (header.plan?.steps ?? []).map((step) => step.solver).filter(Boolean);
  return steps.length ? steps.join("+") : "inspect";
}

function labels(value: unknown): {
  suite?: string;
  harness?: string;
  model?: string;
  tier?: Tier;
  simulated?: boolean;
  capability?: number;
} {
  if (typeof value !== "object" || value === null) return {};
  const ours = value as Record<string, unknown>;
  return {
    ...(typeof ours.suite === "string" ? { suite: ours.suite } : {}),
    ...(typeof ours.harness === "string" ? { harness: ours.harness } : {}),
    ...(typeof ours.model === "string" ? { model: ours.model } : {}),
    ...(TIERS.includes(ours.tier as Tier) ? { tier: ours.tier as Tier } : {}),
    ...(typeof ours.simulated === "boolean" ? { simulated: ours.simulated } : {}),
    ...(typeof ours.capability === "number" ? { capability: ours.capability } : {}),
  };
}
