import type { ModelResponse } from "../types.js";
import { streamPieces, wireId } from "./stream-pieces.js";

export interface ResponsesMeta {
  id: string;
  createdAt: number;
  model: string;
  instructions: string | null;
  previousResponseId: string | null;
  tools: unknown[];
  maxOutputTokens: number | null;
  temperature: number | null;
}

type Item = Record<string, unknown>;

/** The output items of a response: the message (when it has text, or nothing else), then each function call. */
export function responseOutputItems(response: ModelResponse): Item[] {
  const items: Item[] = [];
  if (response.text || response.toolCalls.length === 0)
    items.push({
      type: "message",
      id: wireId("msg_"),
      status: "completed",
      role: "assistant",
      content: [{ type: "output_text", text: response.text, annotations: [], logprobs: [] }],
    });
  for (const call of response.toolCalls)
    items.push({
      type: "function_call",
      id: wireId("fc_"),
      call_id: call.id,
      name: call.name,
      arguments: JSON.stringify(call.arguments),
      status: "completed",
    });
  return items;
}

/** A ModelResponse as an OpenAI Responses API `response` object. */
export function renderResponse(
  response: ModelResponse | null,
  meta: ResponsesMeta,
  output: Item[] = [],
): Record<string, unknown> {
  const incomplete =
    response?.finishReason === "length"
      ? { reason: "max_output_tokens" }
      : response?.finishReason === "content_filter"
        ? { reason: "content_filter" }
        : null;
  const usage = response?.usage;
  return {
    id: meta.id,
    object: "response",
    created_at: meta.createdAt,
    status: response === null ? "in_progress" : incomplete ? "incomplete" : "completed",
    background: false,
    error: null,
    incomplete_details: incomplete,
    instructions: meta.instructions,
    max_output_tokens: meta.maxOutputTokens,
    metadata: {},
    model: meta.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: meta.previousResponseId,
    reasoning: { effort: null, summary: null },
    service_tier: "default",
    store: true,
    temperature: meta.temperature,
    text: { format: { type: "text" } },
    tool_choice: "auto",
    tools: meta.tools,
    top_p: null,
    truncation: "disabled",
    usage: usage
      ? {
          input_tokens: usage.inputTokens,
          input_tokens_details: { cached_tokens: usage.cacheReadTokens },
          output_tokens: usage.outputTokens,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: usage.inputTokens + usage.outputTokens,
        }
      : null,
  };
}

/**
 * The streaming events of a response, in the order the API sends them: created, in_progress,
 * each output item (added → its text or arguments in deltas → done), then completed (or
 * incomplete). Each carries `type` and a `sequence_number`; there is no `[DONE]`.
 */
export function responseStreamEvents(response: ModelResponse, meta: ResponsesMeta, output: Item[]): Item[] {
  const events: Item[] = [];
  const push = (event: Item) => events.push({ ...event, sequence_number: events.length });
  const pending = renderResponse(null, meta);
  push({ type: "response.created", response: pending });
  push({ type: "response.in_progress", response: pending });
  for (const [outputIndex, item] of output.entries()) {
    const itemId = item.id as string;
    if (item.type === "message") {
      const text = response.text;
      push({
        type: "response.output_item.added",
        output_index: outputIndex,
        item: { ...item, status: "in_progress", content: [] },
      });
      const emptyPart = { type: "output_text", text: "", annotations: [], logprobs: [] };
      const part = { ...emptyPart, text };
      const at = { item_id: itemId, output_index: outputIndex, content_index: 0 };
      push({ type: "response.content_part.added", ...at, part: emptyPart });
      for (const delta of streamPieces(text)) push({ type: "response.output_text.delta", ...at, delta, logprobs: [] });
      push({ type: "response.output_text.done", ...at, text, logprobs: [] });
      push({ type: "response.content_part.done", ...at, part });
    } else {
      const argumentsText = item.arguments as string;
      push({
        type: "response.output_item.added",
        output_index: outputIndex,
        item: { ...item, arguments: "", status: "in_progress" },
      });
      const at = { item_id: itemId, output_index: outputIndex };
      for (const delta of streamPieces(argumentsText))
        push({ type: "response.function_call_arguments.delta", ...at, delta });
      push({ type: "response.function_call_arguments.done", ...at, name: item.name, arguments: argumentsText });
    }
    push({ type: "response.output_item.done", output_index: outputIndex, item });
  }
  const final = renderResponse(response, meta, output);
  push({ type: final.status === "incomplete" ? "response.incomplete" : "response.completed", response: final });
  return events;
}
