import type { FinishReason, ModelResponse } from "../types.js";
import { streamPieces } from "./stream-pieces.js";

const STOP: Record<FinishReason, string> = {
  stop: "end_turn",
  tool_calls: "tool_use",
  length: "max_tokens",
  content_filter: "refusal",
  other: "end_turn",
};

type Block = Record<string, unknown>;

function contentBlocks(response: ModelResponse): Block[] {
  const blocks: Block[] = [];
  if (response.text || response.toolCalls.length === 0) blocks.push({ type: "text", text: response.text });
  for (const call of response.toolCalls)
    blocks.push({ type: "tool_use", id: call.id, name: call.name, input: call.arguments });
  return blocks;
}

/** Anthropic's input_tokens exclude cache reads and writes; capbench's include them. */
function usageOf(response: ModelResponse) {
  const { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens } = response.usage;
  return {
    input_tokens: Math.max(0, inputTokens - cacheReadTokens - cacheWriteTokens),
    output_tokens: outputTokens,
    cache_creation_input_tokens: cacheWriteTokens,
    cache_read_input_tokens: cacheReadTokens,
  };
}

/** A ModelResponse as an Anthropic `message` object. */
export function renderAnthropicMessage(response: ModelResponse, meta: { id: string; model: string }): Block {
  return {
    id: meta.id,
    type: "message",
    role: "assistant",
    model: meta.model,
    content: contentBlocks(response),
    stop_reason: STOP[response.finishReason],
    stop_sequence: null,
    usage: usageOf(response),
  };
}

/**
 * The streaming events: message_start, per block content_block_start → deltas (text_delta,
 * or input_json_delta for a tool_use) → content_block_stop, message_delta with the stop
 * reason and output tokens, message_stop. Each as { event, data } for `event:` lines.
 */
export function anthropicStreamEvents(
  response: ModelResponse,
  meta: { id: string; model: string },
): Array<{ event: string; data: Block }> {
  const events: Array<{ event: string; data: Block }> = [];
  const push = (data: Block) => events.push({ event: data.type as string, data });
  const usage = usageOf(response);
  push({
    type: "message_start",
    message: {
      id: meta.id,
      type: "message",
      role: "assistant",
      model: meta.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usage, output_tokens: 0 },
    },
  });
  for (const [index, block] of contentBlocks(response).entries()) {
    if (block.type === "text") {
      push({ type: "content_block_start", index, content_block: { type: "text", text: "" } });
      if (index === 0) push({ type: "ping" });
      for (const text of streamPieces(block.text as string))
        push({ type: "content_block_delta", index, delta: { type: "text_delta", text } });
    } else {
      push({ type: "content_block_start", index, content_block: { ...block, input: {} } });
      if (index === 0) push({ type: "ping" });
      for (const partial of streamPieces(JSON.stringify(block.input)))
        push({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: partial } });
    }
    push({ type: "content_block_stop", index });
  }
  push({
    type: "message_delta",
    delta: { stop_reason: STOP[response.finishReason], stop_sequence: null },
    usage: { output_tokens: usage.output_tokens },
  });
  push({ type: "message_stop" });
  return events;
}
