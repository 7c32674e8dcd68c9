import type { ContextStrategy } from "./context-strategy.js";

/** `context=full`: keep everything, send everything. */
export function fullContext(): ContextStrategy {
  return {
    name: "full",
    tools: [],
    prepare: async (state) => state.history,
    storeResult: async (_call, result) => result,
  };
}
