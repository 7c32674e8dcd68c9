import type { SuiteDefinition } from "../types.js";

/** Typed helper for suite modules: a name, a scorer and tasks (a list or a seeded generator). */
export function defineSuite(definition: SuiteDefinition): SuiteDefinition {
  return definition;
}
