// Cost of planned samples from their expected tokens and the price table. A variant changes
// how the same tokens are billed (a batch API's discount, a prompt-cache hit share), so issue 14
// can add "with batch" and "with caching" estimates beside the direct one.
import { costOf } from "../models/prices.js";
import type { Price } from "../types.js";

export interface PlanCostVariant {
  name: string;
  /** Multiplies the whole bill (e.g. 0.5 for a batch API at half price). Default 1. */
  priceFactor?: number;
  /** Share of input tokens read from the provider's prompt cache (billed at the cache-read price); default: as observed. */
  cachedInputShare?: number;
}

export const DIRECT_COST: PlanCostVariant = { name: "direct" };

export interface PlannedTokens {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** USD for these tokens at `price` under `variant`; null without a price. */
export function planCost(
  tokens: PlannedTokens,
  price: Price | null,
  variant: PlanCostVariant = DIRECT_COST,
): number | null {
  if (!price) return null;
  const cacheRead =
    variant.cachedInputShare === undefined ? tokens.cacheReadTokens : tokens.inputTokens * variant.cachedInputShare;
  const cost = costOf(
    {
      inputTokens: tokens.inputTokens,
      outputTokens: tokens.outputTokens,
      cacheReadTokens: Math.min(cacheRead, tokens.inputTokens),
      cacheWriteTokens: variant.cachedInputShare === undefined ? tokens.cacheWriteTokens : 0,
    },
    price,
  );
  return cost === null ? null : cost * (variant.priceFactor ?? 1);
}
