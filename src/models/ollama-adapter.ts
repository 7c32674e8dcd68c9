import { createHash } from "node:crypto";
import type { ChatResponse, Ollama } from "ollama";
import type { FinishReason, Message, ModelRequest, ToolCall } from "../types.js";
import type { CachedResponse } from "./response-cache.js";
import {
  type Endpoint,
  type ProviderAdapter,
  type SendContext,
  parseArguments,
  pickOptions,
} from "./provider-adapter.js";

const TOP_LEVEL_OPTIONS = ["keep_alive", "think", "format"];
const RUNTIME_OPTIONS = [
  "temperature",
  "seed",
  "num_ctx",
  "num_predict",
  "top_k",
  "top_p",
  "min_p",
  "typical_p",
  "repeat_penalty",
  "repeat_last_n",
  "presence_penalty",
  "frequency_penalty",
  "stop",
  "mirostat",
  "mirostat_tau",
  "mirostat_eta",
  "num_gpu",
  "num_thread",
  "num_batch",
  "num_keep",
];

export const OLLAMA_DEFAULT_HOST = "http://127.0.0.1:11434";

export function toOllamaMessages(system: string | undefined, messages: Message[]): Record<string, unknown>[] {
  const wire: Record<string, unknown>[] = system ? [{ role: "system", content: system }] : [];
  for (const message of messages) {
    if (message.role === "user") wire.push({ role: "user", content: message.content });
    else if (message.role === "assistant") {
      const calls = message.toolCalls ?? [];
      wire.push({
        role: "assistant",
        content: message.content,
        ...(calls.length > 0
          ? { tool_calls: calls.map((call) => ({ function: { name: call.name, arguments: call.arguments } })) }
          : {}),
      });
    } else wire.push({ role: "tool", tool_name: message.name, content: message.content });
  }
  return wire;
}

export function createOllamaAdapter(config: {
  modelId: string;
  endpoint: Endpoint;
  apiKey?: string;
  options?: Record<string, unknown>;
  fetch?: typeof fetch;
}): ProviderAdapter {
  const baseFetch = config.fetch ?? fetch;
  const headers = {
    ...config.endpoint.headers,
    ...(config.apiKey ? { Authorization: `Bearer ${config.apiKey}` } : {}),
  };
  return {
    provider: "ollama",
    modelId: config.modelId,
    baseURL: config.endpoint.url,
    toWire(request: ModelRequest) {
      const { picked, warnings } = pickOptions("ollama", config.options, [...TOP_LEVEL_OPTIONS, ...RUNTIME_OPTIONS]);
      const body: Record<string, unknown> = {
        model: config.modelId,
        messages: toOllamaMessages(request.system, request.messages),
        stream: false,
      };
      if (request.tools?.length) {
        body.tools = request.tools.map((tool) => ({
          type: "function",
          function: { name: tool.name, description: tool.description, parameters: tool.parameters },
        }));
      }
      const runtime: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(picked)) {
        if (TOP_LEVEL_OPTIONS.includes(key)) body[key] = value;
        else runtime[key] = value;
      }
      if (request.temperature !== undefined) runtime.temperature = request.temperature;
      if (request.seed !== undefined) runtime.seed = request.seed;
      if (request.maxOutputTokens !== undefined) runtime.num_predict = request.maxOutputTokens;
      if (Object.keys(runtime).length > 0) body.options = runtime;
      return { body, warnings };
    },
    async send(body: Record<string, unknown>, context: SendContext) {
      // The SDK passes no signal on non-streamed calls; a per-call fetch adds ours and keeps
      // the response headers (retry-after) that its ResponseError drops.
      const { Ollama: Sdk } = await import("ollama"); // loaded on the first request, not at start-up
      const client: Ollama = new Sdk({
        host: config.endpoint.url,
        headers,
        fetch: async (input, init) => {
          const response = await baseFetch(input, { ...init, signal: context.signal });
          context.responseHeaders = response.headers;
          return response;
        },
      });
      return client.chat(body as unknown as Parameters<Ollama["chat"]>[0] & { stream: false });
    },
    fromWire(raw: unknown): CachedResponse {
      const response = raw as ChatResponse;
      const warnings: string[] = [];
      const calls = response.message?.tool_calls ?? [];
      // Ollama sends no call ids: derive stable ones from the reply so cached replays match.
      const digest = createHash("sha256")
        .update(JSON.stringify(response.message ?? {}))
        .digest("hex")
        .slice(0, 12);
      const toolCalls: ToolCall[] = calls.map((call, index) => ({
        id: `call_${digest}_${index}`,
        name: call.function.name,
        arguments: parseArguments(call.function.arguments, warnings, call.function.name),
      }));
      let finishReason: FinishReason =
        toolCalls.length > 0
          ? "tool_calls"
          : response.done_reason === "length"
            ? "length"
            : response.done_reason === "stop" || !response.done_reason
              ? "stop"
              : "other";
      if (!response.done) finishReason = "other";
      return {
        text: response.message?.content ?? "",
        toolCalls,
        finishReason,
        usage: {
          inputTokens: response.prompt_eval_count ?? 0,
          outputTokens: response.eval_count ?? 0,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
        },
        warnings,
      };
    },
  };
}
