import type { TraceEvent, Usage } from "../types.js";

/** What one sample has used and done so far, across all its agents. */
export class SampleRecorder {
  readonly events: TraceEvent[] = [];
  readonly usage: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  costUsd: number | null = 0;
  modelCalls = 0;
  toolCalls = 0;
  cachedCalls = 0;
  readonly warnings = new Set<string>();
  readonly startedAt = performance.now();

  constructor(private readonly keepTrace: boolean) {}

  record(event: TraceEvent): void {
    if (this.keepTrace) this.events.push(event);
  }

  addUsage(usage: Usage, cost: number | null): void {
    this.usage.inputTokens += usage.inputTokens;
    this.usage.outputTokens += usage.outputTokens;
    this.usage.cacheReadTokens += usage.cacheReadTokens;
    this.usage.cacheWriteTokens += usage.cacheWriteTokens;
    this.costUsd = this.costUsd === null || cost === null ? null : this.costUsd + cost;
  }

  get totalTokens(): number {
    return this.usage.inputTokens + this.usage.outputTokens;
  }
}
