import type { Harness } from "../types.js";

/** Typed helper for harness modules: `export default defineHarness({ name, run })`. */
export function defineHarness(harness: Harness): Harness {
  return harness;
}
