import type { Message, ModelRequest } from "../types.js";
import { withCacheBreakpoints } from "./anthropic-cache-breakpoints.js";
import { pickOptions } from "./provider-adapter.js";

// ModelRequest → the Messages API request body, with no SDK and no I/O, so the direct path and
// a batch path (Message Batches take the same `params`) build the same body.

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

export interface AnthropicRequestSettings {
  modelId: string;
  /** Provider options from the model spec; unknown ones become warnings. */
  options?: Record<string, unknown>;
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

export function anthropicRequestBody(
  request: ModelRequest,
  settings: AnthropicRequestSettings,
): { body: Record<string, unknown>; warnings: string[] } {
  const { picked, warnings } = pickOptions("anthropic", settings.options, KNOWN_OPTIONS);
  const body: Record<string, unknown> = {
    model: settings.modelId,
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
  if (request.seed !== undefined) warnings.push("anthropic: seed is not supported by the Messages API and was ignored");
  return { body: request.cache === "auto" ? withCacheBreakpoints(body) : body, warnings };
}
