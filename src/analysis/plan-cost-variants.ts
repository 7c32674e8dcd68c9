// The ways `capbench plan` prices a run beside the direct one (issue 14): through the batch APIs,
// with prompt caching in the agent loops, and both. Which cells each applies to, and at what
// rates, is stated with every plan (docs/cost-control.md).
import { BATCH_PRICE_FACTOR } from "../models/prices.js";
import type { Price } from "../types.js";
import { assumedCallsPerSample } from "./plan-assumptions.js";
import type { CellBilling, PlanCostCell, PlanCostVariant } from "./plan-cost.js";

/** The batch APIs (OpenAI Batch, Anthropic Message Batches) bill every token at half the list price (src/models/prices.ts). */
export { BATCH_PRICE_FACTOR };
/** Harnesses whose calls go through the batch APIs in batch mode. */
export const BATCH_HARNESSES = ["prompt", "workflow"] as const;
/** Harnesses whose growing conversations are marked for the providers' prompt caches. */
export const CACHING_HARNESSES = ["agent", "multi-agent"] as const;
const PROVIDERS_WITH_BATCH_AND_CACHE = ["openai", "anthropic"];
/** Anthropic's cache prices relative to the input price (reads; 5-minute writes), when a price lacks them. */
export const ANTHROPIC_CACHE_READ_FACTOR = 0.1;
export const ANTHROPIC_CACHE_WRITE_FACTOR = 1.25;
/**
 * Calls per growing context when caching is assumed: the agent keeps one conversation; the
 * multi-agent lead hands sub-questions to fresh sub-agent contexts, so its calls are split.
 */
const ASSUMED_CALLS_PER_CONTEXT: Record<string, number | undefined> = { "multi-agent": 4 };

function baseName(harness: string): string {
  return harness.replace(/\[.*\]$/, "");
}

function providerOf(model: string): string {
  return model.slice(0, Math.max(0, model.indexOf(":")));
}

export function isBatchable(harness: string, model: string): boolean {
  return (
    (BATCH_HARNESSES as readonly string[]).includes(baseName(harness)) &&
    PROVIDERS_WITH_BATCH_AND_CACHE.includes(providerOf(model))
  );
}

export function isCacheable(harness: string, model: string): boolean {
  // agent[cache=off] asks for no cache marks.
  return (
    (CACHING_HARNESSES as readonly string[]).includes(baseName(harness)) &&
    !/[[,]cache=off[\],]/.test(harness) &&
    PROVIDERS_WITH_BATCH_AND_CACHE.includes(providerOf(model))
  );
}

/**
 * Shares of input read from and written to the cache in a context of `calls` calls where each
 * call re-sends the previous one's input and appends as much as the first call sent: call i
 * sends i units, reads the i − 1 the previous call wrote, writes 1. Over the context:
 * read (c − 1)/(c + 1), written 2/(c + 1).
 */
export function assumedCacheShares(callsPerContext: number): { read: number; write: number } {
  const calls = Math.max(1, callsPerContext);
  return { read: (calls - 1) / (calls + 1), write: 2 / (calls + 1) };
}

/** The price with cache rates filled in: the table's when it has them, else Anthropic's multipliers, else the input price (OpenAI bills no write premium). */
export function cachePrice(price: Price, model: string): Price {
  const anthropic = providerOf(model) === "anthropic";
  return {
    ...price,
    cacheRead: price.cacheRead ?? (anthropic ? price.input * ANTHROPIC_CACHE_READ_FACTOR : price.input),
    cacheWrite: price.cacheWrite ?? (anthropic ? price.input * ANTHROPIC_CACHE_WRITE_FACTOR : price.input),
  };
}

function batchBilling(cell: PlanCostCell): CellBilling {
  return isBatchable(cell.harness, cell.model) ? { priceFactor: BATCH_PRICE_FACTOR } : {};
}

function cachingBilling(cell: PlanCostCell): CellBilling & { assumption?: string } {
  if (!isCacheable(cell.harness, cell.model) || !cell.price) return { cachedInputShare: 0, cacheWriteShare: 0 };
  const { tokens } = cell;
  const price = cachePrice(cell.price, cell.model);
  // A pilot that ran with prompt caching says how much of the input the cache served.
  if (tokens.inputTokens > 0 && tokens.cacheReadTokens + tokens.cacheWriteTokens > 0)
    return {
      price,
      cachedInputShare: tokens.cacheReadTokens / tokens.inputTokens,
      cacheWriteShare: tokens.cacheWriteTokens / tokens.inputTokens,
    };
  const callsPerSample = cell.samples > 0 ? tokens.calls / cell.samples : assumedCallsPerSample(cell.harness);
  const perContext = Math.min(callsPerSample, ASSUMED_CALLS_PER_CONTEXT[baseName(cell.harness)] ?? callsPerSample);
  const shares = assumedCacheShares(perContext);
  return {
    price,
    cachedInputShare: shares.read,
    cacheWriteShare: shares.write,
    assumption:
      `prompt caching, ${baseName(cell.harness)}: ${formatShare(shares.read)} of input read from the cache and ${formatShare(shares.write)} written ` +
      `(assumed: ${round(perContext)} calls per growing context, each re-sending the last and adding as much as the first; ` +
      `a pilot run with caching gives the real share)`,
  };
}

function formatShare(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function round(value: number): string {
  return Number(value.toFixed(1)).toString();
}

/** The variants beside `direct`: with batch, with prompt caching, and both. */
export function planCostVariants(): PlanCostVariant[] {
  const batchText = `${BATCH_HARNESSES.join(", ")} on openai:/anthropic: at ${BATCH_PRICE_FACTOR * 100}% of list price`;
  const cachingText =
    `${CACHING_HARNESSES.join(", ")} on anthropic:/openai: with the stable prefix cached ` +
    `(reads at the cached-input price — Anthropic ${ANTHROPIC_CACHE_READ_FACTOR}×, OpenAI per the price table — ` +
    `and Anthropic 5-minute writes at ${ANTHROPIC_CACHE_WRITE_FACTOR}× input)`;
  return [
    { name: "batch", description: batchText, cachedInputShare: 0, cacheWriteShare: 0, forCell: batchBilling },
    {
      name: "caching",
      description: cachingText,
      forCell: (cell) => cachingBilling(cell),
    },
    {
      name: "batch+caching",
      description: "both, each where it applies",
      forCell: (cell) => ({ ...cachingBilling(cell), ...batchBilling(cell) }),
    },
  ];
}
