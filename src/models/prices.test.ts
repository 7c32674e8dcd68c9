import { describe, expect, it } from "vitest";
import { costOf, priceOf } from "./prices.js";

describe("priceOf", () => {
  it("finds current models and their dated snapshots", () => {
    expect(priceOf({ id: "anthropic:claude-haiku-4-5", tier: "low" })).toEqual({
      input: 1,
      output: 5,
      cacheRead: 0.1,
      cacheWrite: 1.25,
    });
    expect(priceOf({ id: "anthropic:claude-sonnet-4-5-20250929", tier: "mid" })?.input).toBe(3);
    expect(priceOf({ id: "openai:gpt-4.1-2025-04-14", tier: "mid" })?.output).toBe(8);
    expect(priceOf({ id: "openai:gpt-5-mini", tier: "mid" })?.cacheRead).toBe(0.025);
  });

  it("has no price for Ollama, simulated and unknown models", () => {
    expect(priceOf({ id: "ollama:qwen2.5:7b", tier: "low" })).toBeNull();
    expect(priceOf({ id: "sim:low", tier: "low" })).toBeNull();
    expect(priceOf({ id: "openai:my-finetune", tier: "low" })).toBeNull();
    expect(priceOf({ id: "openai:gpt-5-mini-custom", tier: "low" })).toBeNull();
  });

  it("prefers the configured price", () => {
    expect(priceOf({ id: "ollama:llama3", tier: "low", price: { input: 0.1, output: 0.2 } })).toEqual({
      input: 0.1,
      output: 0.2,
    });
    expect(priceOf({ id: "openai:gpt-5", tier: "frontier", price: { input: 9, output: 9 } })?.input).toBe(9);
  });
});

describe("costOf", () => {
  it("bills uncached input, cache reads, cache writes and output at their rates", () => {
    const usage = { inputTokens: 10_000, outputTokens: 1_000, cacheReadTokens: 6_000, cacheWriteTokens: 2_000 };
    expect(costOf(usage, { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 })).toBeCloseTo(
      (2_000 * 3 + 6_000 * 0.3 + 2_000 * 3.75 + 1_000 * 15) / 1e6,
      12,
    );
    // without cache rates, cached tokens cost the input rate
    expect(costOf(usage, { input: 1, output: 2 })).toBeCloseTo((10_000 * 1 + 1_000 * 2) / 1e6, 12);
  });

  it("is null, never 0, when there is no price", () => {
    expect(costOf({ inputTokens: 5, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0 }, null)).toBeNull();
  });
});
