import { PromptCacheModel, type PromptCacheOptions } from "./anthropic-prompt-cache.js";
import {
  estimateTokens,
  type FakeServer,
  type FakeServerOptions,
  startFakeServer,
  type WireFormat,
} from "./fake-server.js";

// Anthropic Messages API (POST /v1/messages): content blocks (text, tool_use), stop_reason,
// usage with cache_creation_input_tokens / cache_read_input_tokens, error bodies
// { type: "error", error: { type, message }, request_id } and 529 overloaded_error.

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  408: "timeout_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

/** The Messages API format; with a prompt cache, usage follows Anthropic's cache accounting. */
export function createAnthropicFormat(promptCache?: PromptCacheModel): WireFormat {
  return {
    matches: (method, path) => method === "POST" && path === "/v1/messages",
    renderReply(reply, request, sequence) {
      const content: unknown[] = [];
      if (reply.text) content.push({ type: "text", text: reply.text });
      for (const [index, call] of (reply.toolCalls ?? []).entries()) {
        content.push({
          type: "tool_use",
          id: call.id ?? `toolu_${sequence}_${index}`,
          name: call.name,
          input: call.arguments,
        });
      }
      return {
        id: `msg_${String(sequence).padStart(6, "0")}`,
        type: "message",
        role: "assistant",
        model: request.body?.model,
        content,
        stop_reason: reply.finishReason ?? (reply.toolCalls?.length ? "tool_use" : "end_turn"),
        stop_sequence: null,
        usage: {
          ...usageOf(reply.usage, request.body, request.rawBody, promptCache),
          output_tokens: reply.usage?.output ?? estimateTokens(reply.text ?? "") + 10 * (reply.toolCalls?.length ?? 0),
        },
      };
    },
    renderError(status, message) {
      const type = ERROR_TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
      return {
        body: { type: "error", error: { type, message }, request_id: `req_${Date.now()}` },
        headers: { "request-id": `req_${Date.now()}` },
      };
    },
    overloaded: () => ({
      status: 529,
      body: { type: "error", error: { type: "overloaded_error", message: "Overloaded" }, request_id: "req_overloaded" },
    }),
    hollow: ({ content: _content, ...rest }) => rest,
    // A text block without its text, and no usage.
    incomplete: ({ usage: _usage, ...rest }) => ({ ...rest, content: [{ type: "text" }] }),
  };
}

/** Input usage: what the reply says, else the prompt cache's accounting, else the body's size. */
function usageOf(
  given: { input?: number; cacheRead?: number; cacheWrite?: number } | undefined,
  body: Record<string, unknown> | undefined,
  rawBody: string,
  promptCache: PromptCacheModel | undefined,
) {
  if (promptCache && body && given?.input === undefined) {
    const usage = promptCache.account(body);
    return {
      input_tokens: usage.input,
      cache_creation_input_tokens: usage.cacheWrite,
      cache_read_input_tokens: usage.cacheRead,
    };
  }
  return {
    input_tokens: given?.input ?? estimateTokens(rawBody),
    cache_creation_input_tokens: given?.cacheWrite ?? 0,
    cache_read_input_tokens: given?.cacheRead ?? 0,
  };
}

export const anthropicFormat: WireFormat = createAnthropicFormat();

export interface AnthropicServerOptions extends FakeServerOptions {
  /** Account for prompt caching like the Messages API (a model, or options for a new one). */
  promptCache?: PromptCacheModel | PromptCacheOptions;
}

export function startAnthropicServer(options: AnthropicServerOptions = {}): Promise<FakeServer> {
  const { promptCache, ...rest } = options;
  const model =
    promptCache === undefined || promptCache instanceof PromptCacheModel
      ? promptCache
      : new PromptCacheModel(promptCache);
  return startFakeServer(createAnthropicFormat(model), rest);
}
