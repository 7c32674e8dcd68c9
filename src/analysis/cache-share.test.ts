import { describe, expect, it } from "vitest";
import { cacheShareByCell } from "./cache-share.js";

const sample = (harness: string, input: number, read: number, write = 0) => ({
  suite: "multihop",
  harness,
  model: "anthropic:claude-sonnet-5",
  usage: { inputTokens: input, outputTokens: 10, cacheReadTokens: read, cacheWriteTokens: write },
});

describe("cacheShareByCell", () => {
  it("is the cell's cache reads over all its input tokens", () => {
    const cells = cacheShareByCell([
      sample("agent", 1000, 600, 200),
      sample("agent", 3000, 2400),
      sample("prompt", 500, 0),
    ]);
    expect(cells).toEqual([
      expect.objectContaining({
        harness: "agent",
        inputTokens: 4000,
        cacheReadTokens: 3000,
        cacheWriteTokens: 200,
        share: 0.75,
      }),
      expect.objectContaining({ harness: "prompt", share: 0 }),
    ]);
  });

  it("has no share for a cell without input tokens", () => {
    expect(cacheShareByCell([sample("agent", 0, 0)])[0]!.share).toBeNull();
  });
});
