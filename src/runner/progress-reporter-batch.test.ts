import { describe, expect, it } from "vitest";
import { createProgressReporter } from "./progress-reporter.js";

// The batch hooks of the progress reporter: batch counts in the line, a line when a batch is
// sent or comes back (no sample ends while a batch is out), and notes printed as they come.

describe("progress reporter in batch mode", () => {
  it("shows batches submitted, in progress and done, printing when a batch is sent or ends", () => {
    let now = 0;
    const chunks: string[] = [];
    const reporter = createProgressReporter(
      { isTTY: false, write: (text) => chunks.push(text) },
      {
        intervalMs: 5_000,
        now: () => now,
      },
    );
    reporter.onRunStart!({ dir: "results/x", planned: 10, alreadyDone: 0 });
    reporter.onNote!("agent: its calls depend on each other's replies, so its samples run directly at list price");
    expect(chunks.at(-1)).toBe(
      "capbench: note: agent: its calls depend on each other's replies, so its samples run directly at list price\n",
    );
    now = 6_000;
    reporter.onBatchProgress!({ submitted: 2, inProgress: 2, done: 0, failed: 0, queuedRequests: 0 });
    expect(chunks.at(-1)).toMatch(/0\/10 samples .* · batches 2 submitted, 2 in progress, 0 done · ETA/);
    const printed = chunks.length;
    now = 6_100; // the same counts, within the interval: nothing new
    reporter.onBatchProgress!({ submitted: 2, inProgress: 2, done: 0, failed: 0, queuedRequests: 0 });
    expect(chunks).toHaveLength(printed);
    reporter.onBatchProgress!({ submitted: 2, inProgress: 0, done: 1, failed: 1, queuedRequests: 0 });
    expect(chunks.at(-1)).toContain("batches 2 submitted, 0 in progress, 1 done, 1 failed");
  });
});
