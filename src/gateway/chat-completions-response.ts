import type { FinishReason, ModelResponse } from "../types.js";
import { streamPieces } from "./stream-pieces.js";

const FINISH: Record<FinishReason, string> = {
  stop: "stop",
  tool_calls: "tool_calls",
  length: "length",
  content_filter: "content_filter",
  other: "stop",
};

export interface ChatMeta {
  id: string;
  created: number;
  model: string;
}

function usageOf(response: ModelResponse) {
  const { inputTokens, outputTokens, cacheReadTokens } = response.usage;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: cacheReadTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** A ModelResponse as an OpenAI `chat.completion` object. */
export function renderChatCompletion(response: ModelResponse, meta: ChatMeta): Record<string, unknown> {
  const toolCalls = response.toolCalls.map((call) => ({
    id: call.id,
    type: "function",
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
  return {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: response.text === "" && toolCalls.length > 0 ? null : response.text,
          refusal: null,
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
          annotations: [],
        },
        logprobs: null,
        finish_reason: FINISH[response.finishReason],
      },
    ],
    usage: usageOf(response),
    system_fingerprint: "capbench-gateway",
  };
}

/**
 * The same response as `chat.completion.chunk` objects: the role, the text in pieces, each
 * tool call (id and name, then its arguments in pieces), the finish reason, and — when the
 * caller asked with `stream_options.include_usage` — a last chunk with no choices and the usage.
 */
export function chatCompletionChunks(
  response: ModelResponse,
  meta: ChatMeta,
  includeUsage: boolean,
): Record<string, unknown>[] {
  const base = {
    id: meta.id,
    object: "chat.completion.chunk",
    created: meta.created,
    model: meta.model,
    system_fingerprint: "capbench-gateway",
    ...(includeUsage ? { usage: null } : {}),
  };
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  });
  const chunks: Record<string, unknown>[] = [chunk({ role: "assistant", content: "", refusal: null })];
  for (const piece of streamPieces(response.text)) chunks.push(chunk({ content: piece }));
  for (const [index, call] of response.toolCalls.entries()) {
    chunks.push(
      chunk({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: "" } }] }),
    );
    for (const piece of streamPieces(JSON.stringify(call.arguments)))
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  }
  chunks.push(chunk({}, FINISH[response.finishReason]));
  if (includeUsage) chunks.push({ ...base, choices: [], usage: usageOf(response) });
  return chunks;
}
