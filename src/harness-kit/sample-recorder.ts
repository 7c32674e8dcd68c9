import { createRequestOrdinals } from "../models/request-ordinals.js";
import type { ModelRequest, TraceEvent, Usage } from "../types.js";

/** What one sample has used and done so far, across all its agents. */
export class SampleRecorder {
  readonly events: TraceEvent[] = [];
  readonly usage: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  /** List-price cost of every call, replayed ones included; null once a call had no price. */
  costUsd: number | null = 0;
  /** The part of `costUsd` served from the response cache: not paid this time. */
  replayedCostUsd = 0;
  /** The same calls at list price (differs from `costUsd` when a batch API billed them at a discount). */
  listCostUsd: number | null = 0;
  modelCalls = 0;
  toolCalls = 0;
  cachedCalls = 0;
  readonly warnings = new Set<string>();
  readonly startedAt = performance.now();
  private readonly ordinals = createRequestOrdinals();

  constructor(private readonly keepTrace: boolean) {}

  record(event: TraceEvent): void {
    if (this.keepTrace) this.events.push(event);
  }

  addUsage(usage: Usage, cost: number | null, replayed = false, listCost: number | null = cost): void {
    this.usage.inputTokens += usage.inputTokens;
    this.usage.outputTokens += usage.outputTokens;
    this.usage.cacheReadTokens += usage.cacheReadTokens;
    this.usage.cacheWriteTokens += usage.cacheWriteTokens;
    this.costUsd = this.costUsd === null || cost === null ? null : this.costUsd + cost;
    if (replayed && cost !== null) this.replayedCostUsd += cost;
    this.listCostUsd = this.listCostUsd === null || listCost === null ? null : this.listCostUsd + listCost;
  }

  /**
   * How many identical requests (same request, same epoch) this sample made before this one.
   * It goes into the response-cache key, so N identical calls are N independent draws while a
   * re-run replays the same N answers.
   */
  nextOrdinal(request: ModelRequest, epoch: number): number {
    return this.ordinals(request, epoch);
  }

  get totalTokens(): number {
    return this.usage.inputTokens + this.usage.outputTokens;
  }
}
