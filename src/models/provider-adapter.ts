import type { ModelRequest } from "../types.js";
import type { CachedResponse } from "./response-cache.js";

/** One provider's mapping between capbench's request/response shape and its wire format. */
export interface ProviderAdapter {
  readonly provider: "anthropic" | "openai" | "ollama";
  readonly modelId: string;
  /** Credential-free base URL, for cache keys and messages. */
  readonly baseURL: string;
  /** The exact body the SDK will send, plus settings that could not be honoured. */
  toWire(request: ModelRequest): { body: Record<string, unknown>; warnings: string[] };
  /** Sends through the official SDK; throws the SDK's error unchanged. */
  send(body: Record<string, unknown>, context: SendContext): Promise<unknown>;
  fromWire(raw: unknown): CachedResponse;
}

export interface SendContext {
  signal: AbortSignal;
  /** Filled with the HTTP response headers of the attempt, when the transport saw them. */
  responseHeaders?: Headers;
}

/** Endpoint settings after credentials were moved out of the URL. */
export interface Endpoint {
  /** Base URL without user, password or query. */
  url: string;
  headers: Record<string, string>;
  query: Record<string, string>;
}

/** Splits `https://user:pass@host/v1?key=k` into a clean URL, a Basic auth header and query. */
export function splitEndpoint(raw: string): Endpoint {
  const parsed = new URL(raw.includes("://") ? raw : `http://${raw}`);
  const headers: Record<string, string> = {};
  if (parsed.username || parsed.password) {
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
  }
  const query: Record<string, string> = {};
  for (const [key, value] of parsed.searchParams) query[key] = value;
  parsed.username = "";
  parsed.password = "";
  parsed.search = "";
  parsed.hash = "";
  return { url: parsed.toString().replace(/\/$/, ""), headers, query };
}

/** Splits provider options into those the provider knows and warnings for the rest. */
export function pickOptions(
  provider: string,
  options: Record<string, unknown> | undefined,
  known: readonly string[],
): { picked: Record<string, unknown>; warnings: string[] } {
  const picked: Record<string, unknown> = {};
  const warnings: string[] = [];
  for (const [key, value] of Object.entries(options ?? {})) {
    if (known.includes(key)) picked[key] = value;
    else warnings.push(`${provider}: option "${key}" is not supported and was ignored`);
  }
  return { picked, warnings };
}

export function parseArguments(raw: unknown, warnings: string[], toolName: string): Record<string, unknown> {
  if (raw && typeof raw === "object" && !Array.isArray(raw)) return raw as Record<string, unknown>;
  if (typeof raw === "string") {
    if (raw.trim() === "") return {};
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // fall through
    }
  }
  warnings.push(`tool call "${toolName}": arguments are not a JSON object: ${String(raw).slice(0, 200)}`);
  return {};
}
