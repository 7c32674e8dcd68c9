import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ModelResponse } from "../types.js";
import { writeFileAtomicAsync } from "../store/write-file-atomic.js";

// Content-addressed response cache: one JSON file per key, written atomically (temp + rename)
// so concurrent writers and crashes never leave a torn entry. Only successful, well-formed
// replies are stored (the provider client puts nothing else), and an entry that does not have
// the response's shape is a miss, never a replay.

export type CacheMode = "enabled" | "disabled" | "only";

export interface CacheKeyParts {
  provider: string;
  model: string;
  /** Credential-free base URL (see describeBaseURL). */
  baseURL: string;
  /** The wire request body the provider would receive. */
  body: unknown;
  epoch: number;
  /** Earlier identical requests in the same sample: each repeat is its own draw. */
  ordinal: number;
  /** What the request alone does not show but the reply depends on (e.g. MCP servers' versions). */
  namespace?: string;
}

export type CachedResponse = Omit<ModelResponse, "latencyMs" | "cached">;

// 2: keys gained the ordinal, and entries written by version 1 may hold malformed replies
// that were taken for answers; they are not read.
const FORMAT_VERSION = 2;

/** JSON with object keys sorted, so equal requests hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item && typeof item === "object" && !Array.isArray(item)) {
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(item).sort()) sorted[key] = (item as Record<string, unknown>)[key];
      return sorted;
    }
    return item;
  });
}

export function cacheKey(parts: CacheKeyParts): string {
  return createHash("sha256")
    .update(canonicalJson({ version: FORMAT_VERSION, ...parts }))
    .digest("hex");
}

export class ResponseCache {
  constructor(readonly dir: string) {}

  private pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    try {
      const stored = JSON.parse(await readFile(this.pathOf(key), "utf8")) as { key?: unknown; response?: unknown };
      return stored.key === key && isCachedResponse(stored.response) ? stored.response : undefined;
    } catch {
      return undefined; // missing or unreadable: a miss
    }
  }

  async put(key: string, response: CachedResponse): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    await writeFileAtomicAsync(path, JSON.stringify({ key, response }));
  }
}

function isCachedResponse(value: unknown): value is CachedResponse {
  if (typeof value !== "object" || value === null) return false;
  const response = value as Partial<Record<keyof CachedResponse, unknown>>;
  const usage = response.usage as Record<string, unknown> | undefined;
  return (
    typeof response.text === "string" &&
    Array.isArray(response.toolCalls) &&
    typeof response.finishReason === "string" &&
    Array.isArray(response.warnings) &&
    typeof usage === "object" &&
    usage !== null &&
    typeof usage.inputTokens === "number" &&
    typeof usage.outputTokens === "number"
  );
}
