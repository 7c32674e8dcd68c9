import { parseAt } from "../format-zod-issues.js";
import type { Scorer } from "../types.js";
import { builtinRegistry } from "./builtin-registry.js";
import type { ScorerContext } from "./plugin-types.js";
import type { Registry } from "./registry.js";

/**
 * A scorer from a spec such as `{ type: "numeric", tolerance: 0.01 }`: the type is looked up in
 * the registry and the options are checked against its schema (a UsageError naming `where` and
 * the field otherwise).
 */
export function createScorer(
  spec: { type: string; [option: string]: unknown },
  context: ScorerContext,
  registry: Registry = builtinRegistry(),
): Scorer {
  const { type, ...options } = spec;
  const plugin = registry.get("scorer", String(type), `${context.where}.type`);
  return plugin.create(parseAt(plugin.options, options, context.where), context);
}
