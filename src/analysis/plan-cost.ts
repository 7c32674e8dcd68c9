// Cost of planned samples from their expected tokens and the price table. A variant changes
// how the same tokens are billed (a batch API's discount, a prompt-cache hit share), per cell
// when it applies only to some (plan-cost-variants.ts: batch, prompt caching, both).
import { costOf } from "../models/prices.js";
import type { Price } from "../types.js";

/** How one cell's tokens are billed under a variant. */
export interface CellBilling {
  /** Multiplies the whole bill (e.g. 0.5 for a batch API at half price). Default 1. */
  priceFactor?: number;
  /** Share of input tokens read from the provider's prompt cache (billed at the cache-read price); default: as observed. */
  cachedInputShare?: number;
  /** Share of input tokens written to the prompt cache (billed at the cache-write price); default: as observed, or 0 when cachedInputShare is given. */
  cacheWriteShare?: number;
  /** The price to bill with (e.g. with cache rates filled in for the provider); default the model's. */
  price?: Price | null;
}

export interface PlanCostVariant extends CellBilling {
  name: string;
  /** What the variant assumes, in words (the plan prints it). */
  description?: string;
  /** Per cell: how this variant bills it (e.g. half price only for batchable harnesses), and the assumption it made, if any. */
  forCell?(cell: PlanCostCell): CellBilling & { assumption?: string };
}

/** What a variant knows about a cell when it decides how to bill it. */
export interface PlanCostCell {
  harness: string;
  model: string;
  samples: number;
  /** The cell's planned tokens (all its samples). */
  tokens: PlannedTokens;
  price: Price | null;
}

/** List price, no batch and no prompt caching: every input token at the input price. */
export const DIRECT_COST: PlanCostVariant = {
  name: "direct",
  description: "list price; no batch API, no prompt caching",
  cachedInputShare: 0,
  cacheWriteShare: 0,
};

export interface PlannedTokens {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** USD for these tokens at `price` billed as `billing`; null without a price. */
export function planCost(
  tokens: PlannedTokens,
  price: Price | null,
  billing: CellBilling = DIRECT_COST,
): number | null {
  const billed = billing.price === undefined ? price : billing.price;
  if (!billed) return null;
  const cacheRead =
    billing.cachedInputShare === undefined ? tokens.cacheReadTokens : tokens.inputTokens * billing.cachedInputShare;
  const cacheWrite =
    billing.cacheWriteShare !== undefined
      ? tokens.inputTokens * billing.cacheWriteShare
      : billing.cachedInputShare === undefined
        ? tokens.cacheWriteTokens
        : 0;
  const read = Math.min(cacheRead, tokens.inputTokens);
  const cost = costOf(
    {
      inputTokens: tokens.inputTokens,
      outputTokens: tokens.outputTokens,
      cacheReadTokens: read,
      cacheWriteTokens: Math.min(cacheWrite, tokens.inputTokens - read),
    },
    billed,
  );
  return cost === null ? null : cost * (billing.priceFactor ?? 1);
}
