import type { Message, ModelRequest } from "../types.js";
import { pickOptions } from "./provider-adapter.js";

// ModelRequest → the Chat Completions request body, with no SDK and no I/O, so the direct
// path and a batch path (one JSONL line per request) build the same body.

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

/** Reasoning models reject a non-default temperature. */
const REASONING_MODEL = /^(o\d|gpt-5)/;

export interface OpenAIRequestSettings {
  modelId: string;
  /** Provider options from the model spec; unknown ones become warnings. */
  options?: Record<string, unknown>;
  /** The official API (max_completion_tokens, reasoning-model rules) rather than a compatible server. */
  official: boolean;
}

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

export function openAIRequestBody(
  request: ModelRequest,
  settings: OpenAIRequestSettings,
): { body: Record<string, unknown>; warnings: string[] } {
  const { picked, warnings } = pickOptions("openai", settings.options, KNOWN_OPTIONS);
  const body: Record<string, unknown> = {
    model: settings.modelId,
    messages: toOpenAIMessages(request.system, request.messages),
  };
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      type: "function",
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
  }
  const maxTokens = request.maxOutputTokens ?? picked.max_completion_tokens ?? picked.max_tokens;
  if (maxTokens !== undefined) body[settings.official ? "max_completion_tokens" : "max_tokens"] = maxTokens;
  const temperature = request.temperature ?? picked.temperature;
  if (temperature !== undefined) {
    if (settings.official && REASONING_MODEL.test(settings.modelId) && temperature !== 1) {
      warnings.push(
        `openai: ${settings.modelId} accepts only the default temperature; temperature ${String(temperature)} was ignored`,
      );
    } else body.temperature = temperature;
  }
  const seed = request.seed ?? picked.seed;
  if (seed !== undefined) body.seed = seed;
  for (const [key, value] of Object.entries(picked)) {
    if (!["temperature", "seed", "max_tokens", "max_completion_tokens"].includes(key)) body[key] = value;
  }
  return { body, warnings };
}
