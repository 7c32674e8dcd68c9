import type { Harness } from "../src/types.js";
import { promptHarness } from "./prompt-harness.js";

/** Built-in harnesses by base name; variants add options: `agent[context=compact]`. */
export const builtinHarnesses: Record<string, Harness> = {
  prompt: promptHarness,
};
