import type { Message, ToolSpec } from "../types.js";
import type { ParsedWireRequest } from "./chat-completions-request.js";
import { WireRequestError } from "./wire-error.js";
import {
  callArguments,
  contentText,
  isObject,
  looksLikeToolError,
  optionalNumber,
  optionalString,
  requireArray,
  requireObject,
  toolSpec,
  type WireObject,
  wireModelRequest,
} from "./wire-fields.js";

const FORWARDED = new Set([
  "model",
  "input",
  "instructions",
  "tools",
  "stream",
  "max_output_tokens",
  "temperature",
  "previous_response_id",
  "store",
  "metadata",
  "user",
  "tool_choice",
  "parallel_tool_calls",
  "include",
  "stream_options",
  "truncation",
  "text",
]);

export interface ParsedResponsesRequest extends ParsedWireRequest {
  instructions: string | null;
  previousResponseId: string | null;
  /** The request's tools as the caller wrote them (echoed in the response object). */
  wireTools: unknown[];
  maxOutputTokens: number | null;
  temperature: number | null;
}

/**
 * OpenAI Responses API request → ModelRequest. `previous_response_id` continues a
 * conversation the gateway answered earlier in the same sample (`history` looks it up).
 */
export function parseResponsesRequest(
  input: unknown,
  history: (responseId: string) => Message[] | undefined,
): ParsedResponsesRequest {
  const body = requireObject(input, "request body");
  const dropped = new Set<string>();
  for (const field of Object.keys(body)) if (!FORWARDED.has(field)) dropped.add(`field "${field}"`);
  if (body.tool_choice !== undefined && body.tool_choice !== "auto") dropped.add("tool_choice");
  if (isObject(body.text) && isObject(body.text.format) && body.text.format.type !== "text")
    dropped.add(`text.format "${String(body.text.format.type)}"`);

  const previousResponseId = optionalString(body.previous_response_id, "previous_response_id") ?? null;
  const messages: Message[] = [];
  if (previousResponseId) {
    const earlier = history(previousResponseId);
    if (!earlier)
      throw new WireRequestError(`previous_response_id: no response "${previousResponseId}" in this sample`);
    messages.push(...earlier);
  }
  const instructions = optionalString(body.instructions, "instructions") ?? null;
  const system: string[] = instructions ? [instructions] : [];
  if (typeof body.input === "string") messages.push({ role: "user", content: body.input });
  else appendItems(requireArray(body.input, "input"), messages, system, dropped);
  if (messages.length === 0) throw new WireRequestError("input: at least one message is needed");

  const wireTools = body.tools === undefined || body.tools === null ? [] : requireArray(body.tools, "tools");
  const tools: ToolSpec[] = [];
  for (const [index, raw] of wireTools.entries()) {
    const tool = requireObject(raw, `tools[${index}]`);
    if (tool.type !== "function") dropped.add(`tool of type "${String(tool.type)}"`);
    else tools.push(toolSpec(tool.name, tool.description, tool.parameters, `tools[${index}]`));
  }
  const maxOutputTokens = optionalNumber(body, "max_output_tokens");
  const temperature = optionalNumber(body, "temperature");
  const request = wireModelRequest({
    system: system.length ? system.join("\n\n") : undefined,
    messages,
    tools,
    maxOutputTokens,
    temperature,
  });
  return {
    request,
    stream: body.stream === true,
    model: typeof body.model === "string" ? body.model : "",
    dropped,
    instructions,
    previousResponseId,
    wireTools,
    maxOutputTokens: maxOutputTokens ?? null,
    temperature: temperature ?? null,
  };
}

/** Input items in order; function calls join the assistant message they follow. */
function appendItems(items: unknown[], messages: Message[], system: string[], dropped: Set<string>): void {
  const toolNames = new Map<string, string>();
  for (const message of messages)
    if (message.role === "assistant") for (const call of message.toolCalls ?? []) toolNames.set(call.id, call.name);
  for (const [index, raw] of items.entries()) {
    const where = `input[${index}]`;
    const item = requireObject(raw, where);
    const type = item.type ?? "message";
    if (type === "message") appendMessage(item, where, messages, system, dropped);
    else if (type === "function_call") {
      const callId = optionalString(item.call_id, `${where}.call_id`);
      if (!callId) throw new WireRequestError(`${where}.call_id: expected a string`);
      const call = {
        id: callId,
        name: String(item.name ?? ""),
        arguments: callArguments(item.arguments, where, dropped),
      };
      toolNames.set(call.id, call.name);
      const last = messages[messages.length - 1];
      if (last?.role === "assistant") last.toolCalls = [...(last.toolCalls ?? []), call];
      else messages.push({ role: "assistant", content: "", toolCalls: [call] });
    } else if (type === "function_call_output") {
      const callId = optionalString(item.call_id, `${where}.call_id`);
      if (!callId) throw new WireRequestError(`${where}.call_id: expected a string`);
      const content = contentText(item.output, where, dropped);
      messages.push({
        role: "tool",
        toolCallId: callId,
        name: toolNames.get(callId) ?? "",
        content,
        ...(looksLikeToolError(content) ? { isError: true } : {}),
      });
    } else if (type === "reasoning") continue;
    else if (type === "item_reference")
      throw new WireRequestError(`${where}: item_reference is not supported by the capbench gateway; send the items`);
    else dropped.add(`input item of type "${String(type)}"`);
  }
}

function appendMessage(
  item: WireObject,
  where: string,
  messages: Message[],
  system: string[],
  dropped: Set<string>,
): void {
  const text = contentText(item.content, where, dropped);
  if (item.role === "system" || item.role === "developer") system.push(text);
  else if (item.role === "user") messages.push({ role: "user", content: text });
  else if (item.role === "assistant") {
    // Two assistant output messages in a row (text split in parts) are one reply.
    const last = messages[messages.length - 1];
    if (last?.role === "assistant" && !last.toolCalls?.length)
      last.content = last.content ? `${last.content}\n${text}` : text;
    else messages.push({ role: "assistant", content: text });
  } else throw new WireRequestError(`${where}.role: unknown role "${String(item.role)}"`);
}
