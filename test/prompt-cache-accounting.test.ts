import { describe, expect, it } from "vitest";
import { PromptCacheModel } from "./servers/anthropic-prompt-cache.js";

// The Anthropic stand-in's prompt-cache accounting itself: a prefix written in one call is read
// by the next call with the same prefix within the TTL, not after it, and not below the minimum.

const text = (length: number, fill = "x") => fill.repeat(length);
const mark = { type: "ephemeral" };
const body = (system: string, messages: { role: string; content: unknown }[], model = "claude-sonnet-5") => ({
  model,
  system: [{ type: "text", text: system, cache_control: mark }],
  messages,
});

describe("PromptCacheModel", () => {
  it("writes a marked prefix, then reads it within the TTL and counts the rest as input", () => {
    let now = 0;
    const cache = new PromptCacheModel({ minTokens: 100, ttlMs: 1000, now: () => now });
    const turn1 = [{ role: "user", content: [{ type: "text", text: text(800, "q"), cache_control: mark }] }];
    const first = cache.account(body(text(2000), turn1));
    expect(first.cacheRead).toBe(0);
    expect(first.cacheWrite).toBeGreaterThan(600);
    expect(first.input).toBeLessThan(5);

    now = 500;
    const turn2 = [
      { role: "user", content: [{ type: "text", text: text(800, "q"), cache_control: mark }] },
      { role: "assistant", content: [{ type: "text", text: text(400, "a") }] },
      { role: "user", content: [{ type: "text", text: text(400, "u"), cache_control: mark }] },
    ];
    const second = cache.account(body(text(2000), turn2));
    expect(second.cacheRead).toBe(first.cacheWrite + first.input); // the whole first prompt
    expect(second.cacheWrite).toBeGreaterThan(190);
    // The same request once the entries expired: nothing is read.
    now = 500 + 1001;
    expect(cache.account(body(text(2000), turn2)).cacheRead).toBe(0);
  });

  it("caches nothing below the minimum, and keeps models apart", () => {
    const cache = new PromptCacheModel({ minTokens: 1024 });
    const small = body(text(400), [{ role: "user", content: "hi" }]);
    expect(cache.account(small)).toMatchObject({ cacheRead: 0, cacheWrite: 0 });
    expect(cache.account(small)).toMatchObject({ cacheRead: 0, cacheWrite: 0 });
    const large = body(text(8000), [{ role: "user", content: "hi" }]);
    expect(cache.account(large).cacheWrite).toBeGreaterThan(1024);
    expect(cache.account(large).cacheRead).toBeGreaterThan(1024);
    expect(cache.account({ ...large, model: "claude-opus-5" }).cacheRead).toBe(0);
  });

  it("finds a cached prefix up to 20 blocks before a breakpoint, not further", () => {
    const blocks = (count: number) =>
      Array.from({ length: count }, (_, index) => ({
        type: "text",
        text: `block ${index} ${text(200)}`,
        ...(index === count - 1 ? { cache_control: mark } : {}),
      }));
    const request = (count: number) => ({ model: "m", messages: [{ role: "user", content: blocks(count) }] });
    const reading = (count: number) => {
      const cache = new PromptCacheModel({ minTokens: 10 });
      cache.account(request(3)); // writes the prefix ending at block 2
      return cache.account(request(count)).cacheRead;
    };
    expect(reading(23)).toBeGreaterThan(0); // breakpoint at block 22: block 2 is 20 blocks back
    expect(reading(24)).toBe(0); // 21 blocks back: out of reach
  });
});
