import { UsageError } from "../errors.js";
import { TIERS } from "../types.js";

export interface ModelOnScale {
  id: string;
  tier: string;
  /** The config's optional numeric `capability` of the model. */
  capability?: number | undefined;
}

/** The capability axis of a run: where each model and tier sits, and the order of the tiers. */
export interface CapabilityScale {
  /** `numeric` when every model has a numeric capability; else the tier index (low 0, mid 1, frontier 2). */
  scale: "tier-index" | "numeric";
  /** "tier" or "capability unit": what one step of the axis is. */
  unit: string;
  byModel: Map<string, number>;
  byTier: Map<string, number>;
  /** Tier labels least capable first. */
  tierOrder: string[];
}

/**
 * Numeric capabilities are used only when every model has one (a mix of tier indexes and user
 * numbers would put two scales on one axis). An unknown tier label is an error unless the
 * model has a numeric capability: sorting it by name would silently make it the bottom tier.
 */
export function resolveCapabilityScale(models: readonly ModelOnScale[], source: string): CapabilityScale {
  const numeric =
    models.length > 0 &&
    models.every((model) => typeof model.capability === "number" && Number.isFinite(model.capability));
  if (!numeric) {
    for (const model of models) {
      if (!(TIERS as readonly string[]).includes(model.tier))
        throw new UsageError(
          `${source}: model "${model.id}" has tier "${model.tier}", which is not ${TIERS.join(", ")}; ` +
            "use one of those tiers or give every model a numeric capability (models[].capability)",
        );
    }
  }
  const byModel = new Map<string, number>();
  for (const model of models)
    byModel.set(model.id, numeric ? model.capability! : (TIERS as readonly string[]).indexOf(model.tier));
  const tierSums = new Map<string, { total: number; count: number }>();
  for (const model of models) {
    const entry = tierSums.get(model.tier) ?? { total: 0, count: 0 };
    entry.total += byModel.get(model.id)!;
    entry.count++;
    tierSums.set(model.tier, entry);
  }
  const byTier = new Map([...tierSums].map(([tier, { total, count }]) => [tier, total / count]));
  const canonical = (tier: string) => {
    const index = (TIERS as readonly string[]).indexOf(tier);
    return index === -1 ? TIERS.length : index;
  };
  const tierOrder = [...byTier.keys()].sort(
    (a, b) => byTier.get(a)! - byTier.get(b)! || canonical(a) - canonical(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return {
    scale: numeric ? "numeric" : "tier-index",
    unit: numeric ? "capability unit" : "tier",
    byModel,
    byTier,
    tierOrder,
  };
}
