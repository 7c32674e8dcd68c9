import type { Usage } from "../../types.js";
import type { InspectModelUsage } from "./inspect-log-types.js";

// Inspect counts `input_tokens` without the cached parts (reads and writes are reported apart);
// capbench's `inputTokens` includes them. The two conversions are inverse.

export function fromInspectUsage(usage: InspectModelUsage | null | undefined): Usage {
  const cacheRead = finite(usage?.input_tokens_cache_read);
  const cacheWrite = finite(usage?.input_tokens_cache_write);
  return {
    inputTokens: finite(usage?.input_tokens) + cacheRead + cacheWrite,
    outputTokens: finite(usage?.output_tokens),
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
  };
}

export function toInspectUsage(usage: Usage, costUsd?: number | null): InspectModelUsage {
  const input = Math.max(0, usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens);
  return {
    input_tokens: input,
    output_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    ...(usage.cacheReadTokens ? { input_tokens_cache_read: usage.cacheReadTokens } : {}),
    ...(usage.cacheWriteTokens ? { input_tokens_cache_write: usage.cacheWriteTokens } : {}),
    ...(typeof costUsd === "number" ? { total_cost: costUsd } : {}),
  };
}

export function addUsage(total: Usage, usage: Usage): void {
  total.inputTokens += usage.inputTokens;
  total.outputTokens += usage.outputTokens;
  total.cacheReadTokens += usage.cacheReadTokens;
  total.cacheWriteTokens += usage.cacheWriteTokens;
}

function finite(value: number | null | undefined): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}
