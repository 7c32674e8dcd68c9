import type { Message, ModelRequest, ToolCall, ToolSpec } from "../types.js";
import { WireRequestError } from "./wire-error.js";
import {
  callArguments,
  contentText,
  isObject,
  looksLikeToolError,
  optionalNumber,
  requireArray,
  requireObject,
  toolSpec,
  type WireObject,
  wireModelRequest,
} from "./wire-fields.js";

export interface ParsedWireRequest {
  request: ModelRequest;
  stream: boolean;
  /** The model name the caller sent (echoed back; routing is by token). */
  model: string;
  /** What the caller sent that capbench's request shape cannot carry. */
  dropped: Set<string>;
}

/** Fields that change nothing, or that the translation honours. */
const FORWARDED = new Set([
  "model",
  "messages",
  "tools",
  "functions",
  "stream",
  "stream_options",
  "max_tokens",
  "max_completion_tokens",
  "temperature",
  "seed",
  "user",
  "metadata",
  "store",
  "n",
  "parallel_tool_calls",
  "tool_choice",
  "function_call",
]);

/** OpenAI Chat Completions request → capbench's ModelRequest. */
export function parseChatCompletionsRequest(input: unknown): ParsedWireRequest & { includeUsage: boolean } {
  const body = requireObject(input, "request body");
  const dropped = new Set<string>();
  for (const field of Object.keys(body)) if (!FORWARDED.has(field)) dropped.add(`field "${field}"`);
  if (body.n !== undefined && body.n !== null && body.n !== 1)
    throw new WireRequestError("n: the capbench gateway returns one choice; n must be 1");
  if (body.tool_choice !== undefined && body.tool_choice !== "auto") dropped.add(`tool_choice`);
  if (body.parallel_tool_calls === false) dropped.add(`parallel_tool_calls: false`);

  const system: string[] = [];
  const messages: Message[] = [];
  const toolNames = new Map<string, string>();
  let legacyCall: ToolCall | null = null;
  for (const [index, raw] of requireArray(body.messages, "messages").entries()) {
    const where = `messages[${index}]`;
    const message = requireObject(raw, where);
    const text = contentText(message.content, where, dropped);
    switch (message.role) {
      case "system":
      case "developer":
        system.push(text);
        break;
      case "user":
        messages.push({ role: "user", content: text });
        break;
      case "assistant": {
        const toolCalls = assistantToolCalls(message, where, dropped);
        for (const call of toolCalls) toolNames.set(call.id, call.name);
        if (isObject(message.function_call)) {
          legacyCall = {
            id: `call_legacy_${index}`,
            name: String(message.function_call.name ?? ""),
            arguments: callArguments(message.function_call.arguments, `${where}.function_call`, dropped),
          };
          toolCalls.push(legacyCall);
        }
        messages.push({ role: "assistant", content: text, ...(toolCalls.length ? { toolCalls } : {}) });
        break;
      }
      case "tool": {
        const id = typeof message.tool_call_id === "string" ? message.tool_call_id : "";
        if (!id) throw new WireRequestError(`${where}.tool_call_id: expected a string`);
        messages.push({
          role: "tool",
          toolCallId: id,
          name: toolNames.get(id) ?? "",
          content: text,
          ...(looksLikeToolError(text) ? { isError: true } : {}),
        });
        break;
      }
      case "function":
        messages.push({
          role: "tool",
          toolCallId: legacyCall?.id ?? `call_legacy_${index}`,
          name: typeof message.name === "string" ? message.name : (legacyCall?.name ?? ""),
          content: text,
          ...(looksLikeToolError(text) ? { isError: true } : {}),
        });
        break;
      default:
        throw new WireRequestError(`${where}.role: unknown role "${String(message.role)}"`);
    }
  }
  if (messages.length === 0) throw new WireRequestError("messages: at least one user message is needed");

  const tools = chatTools(body, dropped);
  const maxOutputTokens = optionalNumber(body, "max_completion_tokens") ?? optionalNumber(body, "max_tokens");
  const temperature = optionalNumber(body, "temperature");
  const seed = optionalNumber(body, "seed");
  const request = wireModelRequest({
    system: system.length ? system.join("\n\n") : undefined,
    messages,
    tools,
    maxOutputTokens,
    temperature,
    seed,
  });
  const streamOptions = isObject(body.stream_options) ? body.stream_options : {};
  return {
    request,
    stream: body.stream === true,
    includeUsage: body.stream === true && streamOptions.include_usage === true,
    model: typeof body.model === "string" ? body.model : "",
    dropped,
  };
}

function assistantToolCalls(message: WireObject, where: string, dropped: Set<string>): ToolCall[] {
  if (message.tool_calls === undefined || message.tool_calls === null) return [];
  const calls: ToolCall[] = [];
  for (const [index, raw] of requireArray(message.tool_calls, `${where}.tool_calls`).entries()) {
    const call = requireObject(raw, `${where}.tool_calls[${index}]`);
    const fn = requireObject(call.function, `${where}.tool_calls[${index}].function`);
    if (call.type !== undefined && call.type !== "function") {
      dropped.add(`tool call of type "${String(call.type)}"`);
      continue;
    }
    calls.push({
      id: typeof call.id === "string" ? call.id : `call_${index}`,
      name: String(fn.name ?? ""),
      arguments: callArguments(fn.arguments, `${where}.tool_calls[${index}]`, dropped),
    });
  }
  return calls;
}

function chatTools(body: WireObject, dropped: Set<string>): ToolSpec[] {
  const tools: ToolSpec[] = [];
  if (body.tools !== undefined && body.tools !== null) {
    for (const [index, raw] of requireArray(body.tools, "tools").entries()) {
      const tool = requireObject(raw, `tools[${index}]`);
      if (tool.type !== "function") {
        dropped.add(`tool of type "${String(tool.type)}"`);
        continue;
      }
      const fn = requireObject(tool.function, `tools[${index}].function`);
      tools.push(toolSpec(fn.name, fn.description, fn.parameters, `tools[${index}].function`));
    }
  }
  if (body.functions !== undefined && body.functions !== null) {
    for (const [index, raw] of requireArray(body.functions, "functions").entries()) {
      const fn = requireObject(raw, `functions[${index}]`);
      tools.push(toolSpec(fn.name, fn.description, fn.parameters, `functions[${index}]`));
    }
  }
  return tools;
}
