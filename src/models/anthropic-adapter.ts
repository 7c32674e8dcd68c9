import type Anthropic from "@anthropic-ai/sdk";
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
  "max_tokens",
  "top_p",
  "top_k",
  "stop_sequences",
  "metadata",
  "tool_choice",
  "thinking",
  "service_tier",
];
const DEFAULT_MAX_TOKENS = 4096;

type Block = Record<string, unknown>;
interface WireMessage {
  role: "user" | "assistant";
  content: string | Block[];
}

/** Messages API: tool results become tool_result blocks; consecutive user turns are merged. */
export function toAnthropicMessages(messages: Message[]): WireMessage[] {
  const wire: WireMessage[] = [];
  const push = (role: "user" | "assistant", blocks: Block[]) => {
    const last = wire[wire.length - 1];
    if (last && last.role === role && role === "user") {
      const previous = typeof last.content === "string" ? [{ type: "text", text: last.content }] : last.content;
      last.content = [...previous, ...blocks];
    } else wire.push({ role, content: blocks });
  };
  for (const message of messages) {
    if (message.role === "user") {
      const last = wire[wire.length - 1];
      if (last?.role === "user") push("user", [{ type: "text", text: message.content }]);
      else wire.push({ role: "user", content: message.content });
    } else if (message.role === "assistant") {
      if (!message.toolCalls?.length) {
        wire.push({ role: "assistant", content: message.content });
        continue;
      }
      const blocks: Block[] = message.content ? [{ type: "text", text: message.content }] : [];
      for (const call of message.toolCalls)
        blocks.push({ type: "tool_use", id: call.id, name: call.name, input: call.arguments });
      wire.push({ role: "assistant", content: blocks });
    } else {
      const block: Block = { type: "tool_result", tool_use_id: message.toolCallId, content: message.content };
      if (message.isError) block.is_error = true;
      push("user", [block]);
    }
  }
  return wire;
}

const FINISH: Record<string, FinishReason> = {
  end_turn: "stop",
  stop_sequence: "stop",
  tool_use: "tool_calls",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  refusal: "content_filter",
};

export function createAnthropicAdapter(config: {
  modelId: string;
  apiKey: string;
  endpoint: Endpoint;
  options?: Record<string, unknown>;
  fetch?: typeof fetch;
}): ProviderAdapter {
  // The SDK is loaded on the first request, not at start-up: a run that never calls Anthropic
  // (or `capbench --help`) does not pay for importing it.
  let client: Promise<Anthropic> | null = null;
  const options = {
    apiKey: config.apiKey,
    authToken: null,
    baseURL: config.endpoint.url,
    defaultHeaders: config.endpoint.headers,
    defaultQuery: Object.keys(config.endpoint.query).length > 0 ? config.endpoint.query : undefined,
    maxRetries: 0,
    timeout: 24 * 3600_000, // the retry layer's own timer aborts first
    ...(config.fetch ? { fetch: config.fetch } : {}),
  };
  const sdk = () => (client ??= import("@anthropic-ai/sdk").then(({ default: Sdk }) => new Sdk(options)));
  return {
    provider: "anthropic",
    modelId: config.modelId,
    baseURL: config.endpoint.url,
    toWire(request: ModelRequest) {
      const { picked, warnings } = pickOptions("anthropic", config.options, KNOWN_OPTIONS);
      const body: Record<string, unknown> = {
        model: config.modelId,
        max_tokens: request.maxOutputTokens ?? picked.max_tokens ?? DEFAULT_MAX_TOKENS,
        ...(request.system ? { system: request.system } : {}),
        messages: toAnthropicMessages(request.messages),
      };
      if (request.tools?.length) {
        body.tools = request.tools.map((tool) => ({
          name: tool.name,
          description: tool.description,
          input_schema: tool.parameters,
        }));
      }
      const temperature = request.temperature ?? picked.temperature;
      if (temperature !== undefined) body.temperature = temperature;
      for (const [key, value] of Object.entries(picked))
        if (key !== "temperature" && key !== "max_tokens") body[key] = value;
      if (request.seed !== undefined)
        warnings.push("anthropic: seed is not supported by the Messages API and was ignored");
      return { body, warnings };
    },
    async send(body: Record<string, unknown>, context: SendContext) {
      return (await sdk()).messages.create(body as unknown as Anthropic.MessageCreateParamsNonStreaming, {
        signal: context.signal,
      });
    },
    fromWire(raw: unknown): CachedResponse {
      const message = raw as Anthropic.Message;
      const warnings: string[] = [];
      let text = "";
      const toolCalls: ToolCall[] = [];
      for (const block of message.content ?? []) {
        if (block.type === "text") text += block.text;
        else if (block.type === "tool_use")
          toolCalls.push({
            id: block.id,
            name: block.name,
            arguments: parseArguments(block.input, warnings, block.name),
          });
      }
      const usage = message.usage;
      const cacheRead = usage?.cache_read_input_tokens ?? 0;
      const cacheWrite = usage?.cache_creation_input_tokens ?? 0;
      const finishReason = FINISH[message.stop_reason ?? ""] ?? (toolCalls.length > 0 ? "tool_calls" : "other");
      return {
        text,
        toolCalls,
        finishReason,
        // Anthropic's input_tokens excludes cache reads and writes; capbench counts all input.
        usage: {
          inputTokens: (usage?.input_tokens ?? 0) + cacheRead + cacheWrite,
          outputTokens: usage?.output_tokens ?? 0,
          cacheReadTokens: cacheRead,
          cacheWriteTokens: cacheWrite,
        },
        warnings,
      };
    },
  };
}
