import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter.js";
import { backoffDelayMs, DEFAULT_RETRY_POLICY, retryAfterMs } from "./retry-policy.js";

const wait = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe("RateLimiter", () => {
  it("keeps at most `concurrency` tasks in flight and runs them all", async () => {
    const limiter = new RateLimiter({ concurrency: 3 });
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        limiter.run(0, async () => {
          active += 1;
          peak = Math.max(peak, active);
          await wait(10);
          active -= 1;
          return index;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 12 }, (_, index) => index));
  });

  it("holds requests past the per-minute limit", async () => {
    const limiter = new RateLimiter({ concurrency: 10, rpm: 2 });
    let started = 0;
    const controller = new AbortController();
    const runs = Array.from({ length: 3 }, () => limiter.run(0, async () => void (started += 1), controller.signal));
    await wait(100);
    expect(started).toBe(2);
    controller.abort(new Error("stop"));
    const outcomes = await Promise.allSettled(runs);
    expect(outcomes.filter((outcome) => outcome.status === "rejected")).toHaveLength(1);
  });

  it("holds requests past the tokens-per-minute limit", async () => {
    const limiter = new RateLimiter({ concurrency: 10, tpm: 1000 });
    let started = 0;
    const controller = new AbortController();
    const runs = [600, 300, 400].map((tokens) =>
      limiter.run(tokens, async () => void (started += 1), controller.signal),
    );
    await wait(100);
    expect(started).toBe(2);
    controller.abort(new Error("stop"));
    await Promise.allSettled(runs);
  });
});

describe("retry policy", () => {
  it("reads retry-after-ms, retry-after seconds and dates", () => {
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250" }))).toBe(250);
    expect(retryAfterMs(new Headers({ "retry-after": "2" }))).toBe(2000);
    expect(retryAfterMs(new Headers({ "retry-after": new Date(10_000).toUTCString() }), 4_000)).toBe(6_000);
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });

  it("backs off exponentially with jitter, capped", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, initialDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelayMs(1, policy, () => 0)).toBe(50);
    expect(backoffDelayMs(3, policy, () => 1)).toBe(400);
    expect(backoffDelayMs(10, policy, () => 1)).toBe(1000);
  });
});
