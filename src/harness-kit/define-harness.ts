import type { Harness, HarnessContext, HarnessOptionsDeclaration, HarnessResult } from "../types.js";

/** A harness whose option declaration keeps its literal type, so configs naming it are typed too. */
export interface HarnessDefinition<Options extends HarnessOptionsDeclaration> {
  name: string;
  description?: string;
  options?: Options;
  checkOptions?: Harness["checkOptions"];
  run(context: HarnessContext): Promise<HarnessResult>;
}

/** Typed helper for harness modules: `export default defineHarness({ name, options?, run })`. */
export function defineHarness<const Options extends HarnessOptionsDeclaration = Record<string, never>>(
  harness: HarnessDefinition<Options>,
): HarnessDefinition<Options> {
  return harness;
}
