import type { Message, ModelRequest } from "../types.js";
import { pickOptions } from "./provider-adapter.js";

// ModelRequest → the body of Ollama's POST /api/chat (stream: false), with no SDK and no I/O.

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

export interface OllamaRequestSettings {
  modelId: string;
  /** Provider options from the model spec; unknown ones become warnings. */
  options?: Record<string, unknown>;
}

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

export function ollamaRequestBody(
  request: ModelRequest,
  settings: OllamaRequestSettings,
): { body: Record<string, unknown>; warnings: string[] } {
  const { picked, warnings } = pickOptions("ollama", settings.options, [...TOP_LEVEL_OPTIONS, ...RUNTIME_OPTIONS]);
  const body: Record<string, unknown> = {
    model: settings.modelId,
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
}
