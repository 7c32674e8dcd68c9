// Token counts per call from the response cache, for `capbench plan` without a pilot: the cache
// holds one JSON file per successful response ({ key, response: { usage, … } }). Entries do not
// say which model or harness made them, so the figures are pooled over the cache (per model
// only when an entry records its `model`). Reads at most `limit` entries.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export interface CacheUsage {
  entries: number;
  /** Mean tokens per call, pooled. */
  inputTokens: number;
  outputTokens: number;
  /** Per model id, when entries record one. */
  byModel: Map<string, { entries: number; inputTokens: number; outputTokens: number }>;
  truncated: boolean;
}

export async function readCacheUsage(dir: string, limit = 5000): Promise<CacheUsage | null> {
  let shards: string[];
  try {
    shards = (await readdir(dir)).sort();
  } catch {
    return null;
  }
  let entries = 0;
  let input = 0;
  let output = 0;
  let truncated = false;
  const byModel = new Map<string, { entries: number; inputTokens: number; outputTokens: number }>();
  outer: for (const shard of shards) {
    let files: string[];
    try {
      files = (await readdir(join(dir, shard))).filter((file) => file.endsWith(".json")).sort();
    } catch {
      continue;
    }
    for (const file of files) {
      if (entries >= limit) {
        truncated = true;
        break outer;
      }
      try {
        const entry = JSON.parse(await readFile(join(dir, shard, file), "utf8")) as {
          model?: unknown;
          response?: { usage?: { inputTokens?: unknown; outputTokens?: unknown } };
        };
        const usage = entry.response?.usage;
        if (typeof usage?.inputTokens !== "number" || typeof usage.outputTokens !== "number") continue;
        entries++;
        input += usage.inputTokens;
        output += usage.outputTokens;
        if (typeof entry.model === "string") {
          const model = byModel.get(entry.model) ?? { entries: 0, inputTokens: 0, outputTokens: 0 };
          model.entries++;
          model.inputTokens += usage.inputTokens;
          model.outputTokens += usage.outputTokens;
          byModel.set(entry.model, model);
        }
      } catch {
        // an unreadable entry is a miss, as for the cache itself
      }
    }
  }
  if (entries === 0) return null;
  for (const model of byModel.values()) {
    model.inputTokens /= model.entries;
    model.outputTokens /= model.entries;
  }
  return { entries, inputTokens: input / entries, outputTokens: output / entries, byModel, truncated };
}
