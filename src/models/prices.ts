import type { ModelSpec, Price, Usage } from "../types.js";
import { parseModelId } from "./model-id.js";

// USD per million tokens. Taken on 2026-10 from the providers' published pricing as stored by
// the search tool (platform.claude.com model pages, OpenAI pricing page as quoted by several
// 2026 pricing guides). Anthropic cacheWrite is the 5-minute cache write; OpenAI charges no
// cache write, so cacheWrite equals input. Override per model with `price` in the config.
const ANTHROPIC: Record<string, Price> = {
  "claude-fable-5-1": { input: 10, output: 50, cacheRead: 1, cacheWrite: 12.5 },
  "claude-opus-5-5": { input: 4, output: 20, cacheRead: 0.2, cacheWrite: 5 },
  "claude-opus-5": { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  "claude-sonnet-5-5": { input: 2, output: 10, cacheRead: 0.2, cacheWrite: 2.5 },
  "claude-sonnet-5": { input: 2, output: 10, cacheRead: 0.2, cacheWrite: 2.5 },
  "claude-opus-4-8": { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  "claude-opus-4-7": { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  "claude-opus-4-6": { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  "claude-opus-4-5": { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  "claude-opus-4-1": { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 },
  "claude-opus-4": { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 },
  "claude-sonnet-4-6": { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  "claude-sonnet-4-5": { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  "claude-sonnet-4": { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  "claude-haiku-4-5": { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
  "claude-3-5-haiku": { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 },
  "claude-3-haiku": { input: 0.25, output: 1.25, cacheRead: 0.03, cacheWrite: 0.3 },
};

const OPENAI: Record<string, Price> = {
  "gpt-5.5": { input: 5, output: 30, cacheRead: 0.5, cacheWrite: 5 },
  "gpt-5.4-mini": { input: 0.75, output: 4.5, cacheRead: 0.075, cacheWrite: 0.75 },
  "gpt-5.4-nano": { input: 0.2, output: 1.25, cacheRead: 0.02, cacheWrite: 0.2 },
  "gpt-5.4": { input: 2.5, output: 15, cacheRead: 0.25, cacheWrite: 2.5 },
  "gpt-5.2": { input: 1.75, output: 14, cacheRead: 0.175, cacheWrite: 1.75 },
  "gpt-5.1": { input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: 1.25 },
  "gpt-5-pro": { input: 15, output: 120, cacheRead: 15, cacheWrite: 15 },
  "gpt-5-mini": { input: 0.25, output: 2, cacheRead: 0.025, cacheWrite: 0.25 },
  "gpt-5-nano": { input: 0.05, output: 0.4, cacheRead: 0.005, cacheWrite: 0.05 },
  "gpt-5": { input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: 1.25 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6, cacheRead: 0.1, cacheWrite: 0.4 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4, cacheRead: 0.025, cacheWrite: 0.1 },
  "gpt-4.1": { input: 2, output: 8, cacheRead: 0.5, cacheWrite: 2 },
  "gpt-4o-mini": { input: 0.15, output: 0.6, cacheRead: 0.075, cacheWrite: 0.15 },
  "gpt-4o": { input: 2.5, output: 10, cacheRead: 1.25, cacheWrite: 2.5 },
  "o4-mini": { input: 1.1, output: 4.4, cacheRead: 0.275, cacheWrite: 1.1 },
  "o3-mini": { input: 1.1, output: 4.4, cacheRead: 0.55, cacheWrite: 1.1 },
  o3: { input: 2, output: 8, cacheRead: 0.5, cacheWrite: 2 },
};

const SNAPSHOT_SUFFIX = /-(?:\d{8}|\d{4}-\d{2}-\d{2}|latest)$/;

const TABLES: Record<string, Record<string, Price>> = { anthropic: ANTHROPIC, openai: OPENAI };

/**
 * The price of a model: the config's `price` if given, else the table entry for the model id
 * or its dated snapshot (`claude-sonnet-4-5-20250929`, `gpt-4.1-2025-04-14`).
 * Null for Ollama, simulated and unknown models: shown as "no price", never as $0.00.
 */
export function priceOf(spec: ModelSpec): Price | null {
  if (spec.price) return spec.price;
  const colon = spec.id.indexOf(":");
  const table = TABLES[colon === -1 ? spec.id : spec.id.slice(0, colon)];
  if (!table) return null;
  const { modelId } = parseModelId(spec.id);
  const base = modelId.replace(SNAPSHOT_SUFFIX, "");
  return table[base] ?? null;
}

/**
 * Cost in USD. `usage.inputTokens` counts every input token, cache reads and writes included
 * (the adapters normalize Anthropic's exclusive count to this), so the cached parts are
 * billed at their own rates and the rest at the input rate. Null when there is no price.
 */
export function costOf(usage: Usage, price: Price | null): number | null {
  if (!price) return null;
  const uncachedInput = Math.max(0, usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens);
  return (
    (uncachedInput * price.input +
      usage.outputTokens * price.output +
      usage.cacheReadTokens * (price.cacheRead ?? price.input) +
      usage.cacheWriteTokens * (price.cacheWrite ?? price.input)) /
    1_000_000
  );
}

/**
 * The batch APIs bill every token at half the list price: OpenAI Batch ("50% discount on both
 * inputs and outputs") and Anthropic Message Batches ("50% of standard API prices"; prompt
 * caching multipliers stack on top, so cache reads and writes are halved too).
 */
export const BATCH_PRICE_FACTOR = 0.5;

/** A price scaled by the batch discount: every rate halved. */
export function batchPrice(price: Price): Price {
  return {
    input: price.input * BATCH_PRICE_FACTOR,
    output: price.output * BATCH_PRICE_FACTOR,
    ...(price.cacheRead !== undefined ? { cacheRead: price.cacheRead * BATCH_PRICE_FACTOR } : {}),
    ...(price.cacheWrite !== undefined ? { cacheWrite: price.cacheWrite * BATCH_PRICE_FACTOR } : {}),
  };
}

/** The price one call is billed at: the list price, or the batch price for a batched call. */
export function billedPrice(price: Price | null, billing: "batch" | undefined): Price | null {
  return price && billing === "batch" ? batchPrice(price) : price;
}
