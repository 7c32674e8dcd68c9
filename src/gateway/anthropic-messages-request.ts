import type { Message, ToolCall, ToolSpec } from "../types.js";
import type { ParsedWireRequest } from "./chat-completions-request.js";
import { WireRequestError } from "./wire-error.js";
import {
  callArguments,
  contentText,
  optionalNumber,
  requireArray,
  requireObject,
  toolSpec,
  type WireObject,
  wireModelRequest,
} from "./wire-fields.js";

const FORWARDED = new Set([
  "model",
  "messages",
  "system",
  "tools",
  "max_tokens",
  "temperature",
  "stream",
  "metadata",
  "tool_choice",
  "service_tier",
]);

/** Anthropic Messages request → ModelRequest: tool_result blocks become tool messages. */
export function parseAnthropicMessagesRequest(input: unknown): ParsedWireRequest {
  const body = requireObject(input, "request body");
  const dropped = new Set<string>();
  for (const field of Object.keys(body)) if (!FORWARDED.has(field)) dropped.add(`field "${field}"`);
  const toolChoice = body.tool_choice as WireObject | undefined;
  if (toolChoice !== undefined && toolChoice?.type !== "auto") dropped.add("tool_choice");

  const system = contentText(body.system, "system", dropped);
  const messages: Message[] = [];
  const toolNames = new Map<string, string>();
  for (const [index, raw] of requireArray(body.messages, "messages").entries()) {
    const where = `messages[${index}]`;
    const message = requireObject(raw, where);
    if (message.role === "assistant") {
      const { text, toolCalls } = assistantBlocks(message.content, where, dropped);
      for (const call of toolCalls) toolNames.set(call.id, call.name);
      messages.push({ role: "assistant", content: text, ...(toolCalls.length ? { toolCalls } : {}) });
    } else if (message.role === "user") appendUserBlocks(message.content, where, messages, toolNames, dropped);
    else throw new WireRequestError(`${where}.role: expected "user" or "assistant"`);
  }
  if (messages.length === 0) throw new WireRequestError("messages: at least one message is needed");

  const tools: ToolSpec[] = [];
  if (body.tools !== undefined && body.tools !== null)
    for (const [index, raw] of requireArray(body.tools, "tools").entries()) {
      const tool = requireObject(raw, `tools[${index}]`);
      if (tool.type !== undefined && tool.type !== "custom") dropped.add(`tool of type "${String(tool.type)}"`);
      else tools.push(toolSpec(tool.name, tool.description, tool.input_schema, `tools[${index}]`));
    }
  const maxOutputTokens = optionalNumber(body, "max_tokens");
  const temperature = optionalNumber(body, "temperature");
  const request = wireModelRequest({ system: system || undefined, messages, tools, maxOutputTokens, temperature });
  return { request, stream: body.stream === true, model: typeof body.model === "string" ? body.model : "", dropped };
}

function blocksOf(content: unknown, where: string): WireObject[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  return requireArray(content, `${where}.content`).map((block, index) =>
    requireObject(block, `${where}.content[${index}]`),
  );
}

function assistantBlocks(content: unknown, where: string, dropped: Set<string>) {
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const [index, block] of blocksOf(content, where).entries()) {
    if (block.type === "text") texts.push(String(block.text ?? ""));
    else if (block.type === "tool_use")
      toolCalls.push({
        id: String(block.id ?? `toolu_${index}`),
        name: String(block.name ?? ""),
        arguments: callArguments(block.input, `${where}.content[${index}]`, dropped),
      });
    else if (block.type !== "thinking" && block.type !== "redacted_thinking")
      dropped.add(`content block "${String(block.type)}"`);
  }
  return { text: texts.join(""), toolCalls };
}

/** A user turn: its tool results first (as tool messages), then its text as one user message. */
function appendUserBlocks(
  content: unknown,
  where: string,
  messages: Message[],
  toolNames: Map<string, string>,
  dropped: Set<string>,
): void {
  const texts: string[] = [];
  for (const [index, block] of blocksOf(content, where).entries()) {
    if (block.type === "text") texts.push(String(block.text ?? ""));
    else if (block.type === "tool_result") {
      const id = String(block.tool_use_id ?? "");
      if (!id) throw new WireRequestError(`${where}.content[${index}].tool_use_id: expected a string`);
      messages.push({
        role: "tool",
        toolCallId: id,
        name: toolNames.get(id) ?? "",
        content: contentText(block.content, `${where}.content[${index}]`, dropped),
        ...(block.is_error === true ? { isError: true } : {}),
      });
    } else dropped.add(`content block "${String(block.type)}"`);
  }
  if (texts.length) messages.push({ role: "user", content: texts.join("\n") });
}
