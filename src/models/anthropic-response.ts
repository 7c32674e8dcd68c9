import type { FinishReason, ToolCall } from "../types.js";
import { MalformedResponseError } from "./malformed-response-error.js";
import { parseArguments } from "./provider-adapter.js";
import type { CachedResponse } from "./response-cache.js";
import {
  arrayAt,
  countAt,
  nullableStringAt,
  objectAt,
  optionalCountAt,
  rejectErrorEnvelope,
  responseObject,
  stringAt,
} from "./response-shape.js";

// A Messages API body → capbench's response, validated against the fields the official SDK
// declares required (Message, TextBlock, ToolUseBlock, Usage) that capbench reads. An empty
// `content` with stop_reason end_turn is a real (empty) reply; `tool_use` without a tool_use
// block is not. Pure, so a Message Batches result parses the same way as a direct reply.

const FINISH: Record<string, FinishReason> = {
  end_turn: "stop",
  stop_sequence: "stop",
  tool_use: "tool_calls",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  refusal: "content_filter",
};

/** Blocks that carry nothing capbench reads, skipped without a warning. */
const SILENT_BLOCKS = new Set(["thinking", "redacted_thinking"]);

export function anthropicResponseFromBody(raw: unknown): CachedResponse {
  const body = responseObject(raw, "Messages API");
  rejectErrorEnvelope(body);
  if (body.type !== "message")
    throw new MalformedResponseError(
      body.type === undefined ? "type is missing" : `type is ${JSON.stringify(body.type)}, expected "message"`,
    );
  const warnings: string[] = [];
  let text = "";
  const toolCalls: ToolCall[] = [];
  for (const [index, item] of arrayAt(body.content, "content").entries()) {
    const path = `content[${index}]`;
    const block = objectAt(item, path);
    const type = stringAt(block.type, `${path}.type`);
    if (type === "text") text += stringAt(block.text, `${path}.text`);
    else if (type === "tool_use") {
      const name = stringAt(block.name, `${path}.name`);
      toolCalls.push({
        id: stringAt(block.id, `${path}.id`),
        name,
        arguments: parseArguments(objectAt(block.input, `${path}.input`), warnings, name),
      });
    } else if (!SILENT_BLOCKS.has(type)) warnings.push(`anthropic: content block of type "${type}" was ignored`);
  }
  if (!("stop_reason" in body)) throw new MalformedResponseError("stop_reason is missing");
  const stopReason = nullableStringAt(body.stop_reason, "stop_reason");
  if (stopReason === "tool_use" && toolCalls.length === 0)
    throw new MalformedResponseError('stop_reason is "tool_use" but content has no tool_use block');
  const usage = objectAt(body.usage, "usage");
  const cacheRead = optionalCountAt(usage.cache_read_input_tokens, "usage.cache_read_input_tokens");
  const cacheWrite = optionalCountAt(usage.cache_creation_input_tokens, "usage.cache_creation_input_tokens");
  return {
    text,
    toolCalls,
    finishReason: FINISH[stopReason ?? ""] ?? (toolCalls.length > 0 ? "tool_calls" : "other"),
    // Anthropic's input_tokens excludes cache reads and writes; capbench counts all input.
    usage: {
      inputTokens: countAt(usage.input_tokens, "usage.input_tokens") + cacheRead + cacheWrite,
      outputTokens: countAt(usage.output_tokens, "usage.output_tokens"),
      cacheReadTokens: cacheRead,
      cacheWriteTokens: cacheWrite,
    },
    warnings,
  };
}
