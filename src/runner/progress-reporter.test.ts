import { describe, expect, it } from "vitest";
import type { SampleRecord } from "../types.js";
import { createProgressReporter } from "./progress-reporter.js";

const sample = (value: number | null, cost: number | null = 0.001): SampleRecord =>
  ({
    score: value === null ? null : { value, pass: value === 1, explanation: "" },
    costUsd: cost,
    ...(value === null ? { error: { kind: "provider", message: "x" } } : {}),
  }) as SampleRecord;

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, write: (text: string) => chunks.push(text) };
}

describe("progress reporter", () => {
  it("prints plain periodic lines when not on a TTY, with done/total, errors, mean, cost and ETA", () => {
    let now = 0;
    const out = stream(false);
    const reporter = createProgressReporter(out, { intervalMs: 5_000, now: () => now });
    reporter.onRunStart!({ dir: "results/x", planned: 4, alreadyDone: 0 });
    now = 1_000;
    reporter.onSampleEnd!(sample(1));
    expect(out.chunks).toHaveLength(1); // not yet: under the interval
    now = 6_000;
    reporter.onSampleEnd!(sample(null, null));
    expect(out.chunks[1]).toBe("2/4 samples · 1 errors · mean 1.000 · $0.0010+no price · ETA 6s\n");
    reporter.onSampleEnd!(sample(0));
    reporter.onSampleEnd!(sample(1));
    reporter.onRunEnd!({ dir: "results/x", interrupted: false });
    expect(out.chunks.at(-1)).toBe("4/4 samples · 1 errors · mean 0.667 · $0.0030+no price · ETA 0s\n");
    expect(out.chunks.join("")).not.toContain("\r");
  });

  it("rewrites one live line on a TTY and tells how to resume after an interruption", () => {
    let now = 0;
    const out = stream(true);
    const reporter = createProgressReporter(out, { now: () => now });
    reporter.onRunStart!({ dir: "results/y", planned: 10, alreadyDone: 4 });
    expect(out.chunks[0]).toBe("capbench: 10 samples (4 already done) → results/y\n");
    now = 500;
    reporter.onSampleEnd!(sample(1, null));
    expect(out.chunks[1]).toMatch(/^\r\x1b\[2K5\/10 samples · 0 errors · mean 1\.000 · ETA 3s$/);
    reporter.onRunEnd!({ dir: "results/y", interrupted: true });
    expect(out.chunks.at(-1)).toBe("capbench: interrupted; resume with: capbench run --resume results/y\n");
  });
});
