import { z, type ZodType } from "zod";
import { UsageError } from "../errors.js";
import type { Score, ScoreInput, Scorer } from "../types.js";
import type { ScorerPlugin } from "./plugin-types.js";

export interface ScorerDefinition<Options> {
  name: string;
  description?: string;
  /** Schema of the options a suite may give (`scorer: { type: my-scorer, … }`). Default: none. */
  options?: ZodType<Options>;
  score(input: ScoreInput, options: Options): Score | Promise<Score>;
}

/** A scorer usable directly (with its default options) and registrable as a scorer type. */
export interface DefinedScorer<Options> extends Scorer {
  readonly plugin: ScorerPlugin<Options>;
}

const noOptions = z.strictObject({});

/**
 * Typed helper for custom scorers: `defineScorer({ name, options?, score({ task, answer }, options) })`.
 * Use the result as a suite's scorer, or export it from a module listed under `plugins:` so
 * suite files can name it (`scorer: { type: <name>, … }`) with their options checked at load.
 */
export function defineScorer<Options = Record<string, never>>(
  definition: ScorerDefinition<Options>,
): DefinedScorer<Options> {
  const schema = (definition.options ?? noOptions) as ZodType<Options>;
  let defaults: Options | undefined;
  const plugin: ScorerPlugin<Options> = {
    kind: "scorer",
    name: definition.name,
    description: definition.description ?? "",
    source: "defineScorer",
    options: schema,
    create: (options) => ({ name: definition.name, score: (input) => definition.score(input, options) }),
  };
  return {
    name: definition.name,
    plugin,
    score(input) {
      if (defaults === undefined) {
        const parsed = schema.safeParse({});
        if (!parsed.success)
          throw new UsageError(
            `scorer "${definition.name}" needs options; name it in a suite as scorer: { type: ${definition.name}, … }`,
          );
        defaults = parsed.data;
      }
      return definition.score(input, defaults);
    },
  };
}
