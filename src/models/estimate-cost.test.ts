import { describe, expect, it } from "vitest";
import { estimateCostUsd } from "./estimate-cost.js";
import { batchPrice, billedPrice } from "./prices.js";

const price = { input: 2, output: 10, cacheRead: 0.2, cacheWrite: 2.5 };

describe("batch prices and cost estimates", () => {
  it("halves every rate for a batched call and leaves a direct one at list price", () => {
    expect(batchPrice(price)).toEqual({ input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 });
    expect(billedPrice(price, "batch")).toEqual(batchPrice(price));
    expect(billedPrice(price, undefined)).toBe(price);
    expect(billedPrice(null, "batch")).toBeNull();
  });

  it("estimates input from the text and output from the request's cap or a given mean", () => {
    const request = { messages: [{ role: "user" as const, content: "x".repeat(4000) }], maxOutputTokens: 100 };
    const listed = estimateCostUsd(request, price)!;
    expect(listed).toBeGreaterThan((1000 * 2 + 100 * 10) / 1e6);
    expect(listed).toBeLessThan((1020 * 2 + 100 * 10) / 1e6); // plus the JSON around the text
    expect(estimateCostUsd(request, price, { billing: "batch" })).toBeCloseTo(listed / 2, 12);
    expect(estimateCostUsd(request, price, { outputTokens: 0 })).toBeLessThan(listed);
    expect(estimateCostUsd(request, null)).toBeNull();
  });
});
