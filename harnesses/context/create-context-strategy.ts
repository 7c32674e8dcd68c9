import { UsageError } from "../../src/errors.js";
import type { HarnessContext } from "../../src/types.js";
import { numberOption } from "../agent/number-option.js";
import { compactContext } from "./compact-context.js";
import type { ContextStrategy } from "./context-strategy.js";
import { fullContext } from "./full-context.js";
import { offloadContext } from "./offload-context.js";
import { summarizeContext } from "./summarize-context.js";

export const CONTEXT_STRATEGIES = ["full", "compact", "summarize", "offload"] as const;

/**
 * The strategy a variant names: `context=full|compact|summarize|offload`, tuned by `keep`
 * (compact: recent tool turns kept whole, default 2), `summarizeAt` (tokens, default 3000)
 * and `offloadAbove` (characters, default 1500).
 */
export function createContextStrategy(context: HarnessContext, harness: string): ContextStrategy {
  const { options } = context;
  switch (options.context ?? "full") {
    case "full":
      return fullContext();
    case "compact":
      return compactContext({ keep: numberOption(options, "keep", 2, harness) });
    case "summarize":
      return summarizeContext({ threshold: numberOption(options, "summarizeAt", 3000, harness) });
    case "offload":
      return offloadContext({
        threshold: numberOption(options, "offloadAbove", 1500, harness),
        scratchDir: context.scratchDir,
      });
    default:
      throw new UsageError(
        `harness ${harness}[context=${options.context}]: unknown context strategy; use ${CONTEXT_STRATEGIES.join(", ")}`,
      );
  }
}
