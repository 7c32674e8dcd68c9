import type { SampleRecord } from "../types.js";

// The share of a cell's input tokens the provider served from its prompt cache (Anthropic
// cache reads, OpenAI cached prompt tokens), from the samples' usage. A separate function for
// the summary and reports to show beside the cost (issue 14); errored samples count too, since
// their tokens were paid for.

export interface CellCacheShare {
  suite: string;
  harness: string;
  model: string;
  /** All input tokens of the cell (cache reads and writes included). */
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** cacheReadTokens ÷ inputTokens; null when the cell has no input tokens. */
  share: number | null;
}

/** One row per (suite, harness, model), in the order cells first appear. */
export function cacheShareByCell(
  samples: Iterable<Pick<SampleRecord, "suite" | "harness" | "model" | "usage">>,
): CellCacheShare[] {
  const cells = new Map<string, CellCacheShare>();
  for (const sample of samples) {
    const key = `${sample.suite}\u0000${sample.harness}\u0000${sample.model}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        suite: sample.suite,
        harness: sample.harness,
        model: sample.model,
        inputTokens: 0,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        share: null,
      };
      cells.set(key, cell);
    }
    cell.inputTokens += sample.usage.inputTokens;
    cell.cacheReadTokens += sample.usage.cacheReadTokens ?? 0;
    cell.cacheWriteTokens += sample.usage.cacheWriteTokens ?? 0;
  }
  for (const cell of cells.values()) cell.share = cell.inputTokens > 0 ? cell.cacheReadTokens / cell.inputTokens : null;
  return [...cells.values()];
}
