import type OpenAI from "openai";
import type { FinishReason, Message, ModelRequest, ToolCall } from "../types.js";
import type { CachedResponse } from "./response-cache.js";
import {
  type Endpoint,
  type ProviderAdapter,
  type SendContext,
  parseArguments,
  pickOptions,
} from "./provider-adapter.js";

const KNOWN_OPTIONS = [
  "temperature",
  "top_p",
  "frequency_penalty",
  "presence_penalty",
  "stop",
  "seed",
  "logit_bias",
  "max_tokens",
  "max_completion_tokens",
  "reasoning_effort",
  "verbosity",
  "service_tier",
  "parallel_tool_calls",
  "tool_choice",
  "response_format",
  "user",
  "store",
  "metadata",
  "prompt_cache_key",
];

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** Reasoning models reject a non-default temperature. */
const REASONING_MODEL = /^(o\d|gpt-5)/;

export function toOpenAIMessages(system: string | undefined, messages: Message[]): Record<string, unknown>[] {
  const wire: Record<string, unknown>[] = system ? [{ role: "system", content: system }] : [];
  for (const message of messages) {
    if (message.role === "user") wire.push({ role: "user", content: message.content });
    else if (message.role === "assistant") {
      const calls = message.toolCalls ?? [];
      wire.push({
        role: "assistant",
        content: calls.length > 0 && !message.content ? null : message.content,
        ...(calls.length > 0
          ? {
              tool_calls: calls.map((call) => ({
                id: call.id,
                type: "function",
                function: { name: call.name, arguments: JSON.stringify(call.arguments) },
              })),
            }
          : {}),
      });
    } else wire.push({ role: "tool", tool_call_id: message.toolCallId, content: message.content });
  }
  return wire;
}

const FINISH: Record<string, FinishReason> = {
  stop: "stop",
  tool_calls: "tool_calls",
  function_call: "tool_calls",
  length: "length",
  content_filter: "content_filter",
};

export function createOpenAIAdapter(config: {
  modelId: string;
  apiKey: string;
  endpoint: Endpoint;
  options?: Record<string, unknown>;
  organization?: string;
  project?: string;
  fetch?: typeof fetch;
}): ProviderAdapter {
  // The SDK is loaded on the first request, not at start-up.
  let client: Promise<OpenAI> | null = null;
  const options = {
    apiKey: config.apiKey,
    baseURL: config.endpoint.url,
    organization: config.organization ?? null,
    project: config.project ?? null,
    defaultHeaders: config.endpoint.headers,
    defaultQuery: Object.keys(config.endpoint.query).length > 0 ? config.endpoint.query : undefined,
    maxRetries: 0,
    timeout: 24 * 3600_000, // the retry layer's own timer aborts first
    ...(config.fetch ? { fetch: config.fetch } : {}),
  };
  const sdk = () => (client ??= import("openai").then(({ default: Sdk }) => new Sdk(options)));
  // The official API wants max_completion_tokens; OpenAI-compatible servers know max_tokens.
  const official = config.endpoint.url.replace(/\/$/, "") === OPENAI_DEFAULT_BASE_URL;
  return {
    provider: "openai",
    modelId: config.modelId,
    baseURL: config.endpoint.url,
    toWire(request: ModelRequest) {
      const { picked, warnings } = pickOptions("openai", config.options, KNOWN_OPTIONS);
      const body: Record<string, unknown> = {
        model: config.modelId,
        messages: toOpenAIMessages(request.system, request.messages),
      };
      if (request.tools?.length) {
        body.tools = request.tools.map((tool) => ({
          type: "function",
          function: { name: tool.name, description: tool.description, parameters: tool.parameters },
        }));
      }
      const maxTokens = request.maxOutputTokens ?? picked.max_completion_tokens ?? picked.max_tokens;
      if (maxTokens !== undefined) body[official ? "max_completion_tokens" : "max_tokens"] = maxTokens;
      const temperature = request.temperature ?? picked.temperature;
      if (temperature !== undefined) {
        if (official && REASONING_MODEL.test(config.modelId) && temperature !== 1) {
          warnings.push(
            `openai: ${config.modelId} accepts only the default temperature; temperature ${String(temperature)} was ignored`,
          );
        } else body.temperature = temperature;
      }
      const seed = request.seed ?? picked.seed;
      if (seed !== undefined) body.seed = seed;
      for (const [key, value] of Object.entries(picked)) {
        if (!["temperature", "seed", "max_tokens", "max_completion_tokens"].includes(key)) body[key] = value;
      }
      return { body, warnings };
    },
    async send(body: Record<string, unknown>, context: SendContext) {
      return (await sdk()).chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming, {
        signal: context.signal,
      });
    },
    fromWire(raw: unknown): CachedResponse {
      const completion = raw as OpenAI.ChatCompletion;
      const warnings: string[] = [];
      const choice = completion.choices?.[0];
      const toolCalls: ToolCall[] = [];
      for (const call of choice?.message?.tool_calls ?? []) {
        if (call.type !== "function") {
          warnings.push(`openai: tool call of type "${call.type}" was ignored`);
          continue;
        }
        toolCalls.push({
          id: call.id,
          name: call.function.name,
          arguments: parseArguments(call.function.arguments, warnings, call.function.name),
        });
      }
      if (!choice) warnings.push("openai: the response has no choices");
      if (choice?.message?.refusal) warnings.push(`openai: refusal: ${choice.message.refusal}`);
      const usage = completion.usage;
      return {
        text: choice?.message?.content ?? "",
        toolCalls,
        finishReason: FINISH[choice?.finish_reason ?? ""] ?? (toolCalls.length > 0 ? "tool_calls" : "other"),
        usage: {
          inputTokens: usage?.prompt_tokens ?? 0,
          outputTokens: usage?.completion_tokens ?? 0,
          cacheReadTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
          cacheWriteTokens: 0,
        },
        warnings,
      };
    },
  };
}
