import type { ModelRequest, Price } from "../types.js";
import { billedPrice, costOf } from "./prices.js";

/** Output tokens assumed for a request that sets no maxOutputTokens (a rough reply length). */
export const DEFAULT_ESTIMATED_OUTPUT_TOKENS = 512;

/**
 * What a request will cost before it is sent: input from its text (4 characters a token, the
 * same rule the rate limiter uses), output from `outputTokens` (e.g. a pilot's mean), else its
 * maxOutputTokens, else DEFAULT_ESTIMATED_OUTPUT_TOKENS. An estimate for budgets (`--max-cost`
 * counts requests in flight with it), never a recorded cost. Null without a price.
 */
export function estimateCostUsd(
  request: ModelRequest,
  price: Price | null,
  options: { billing?: "batch"; outputTokens?: number } = {},
): number | null {
  const inputTokens = Math.ceil(
    JSON.stringify({ system: request.system, messages: request.messages, tools: request.tools }).length / 4,
  );
  const outputTokens = options.outputTokens ?? request.maxOutputTokens ?? DEFAULT_ESTIMATED_OUTPUT_TOKENS;
  return costOf(
    { inputTokens, outputTokens, cacheReadTokens: 0, cacheWriteTokens: 0 },
    billedPrice(price, options.billing),
  );
}
