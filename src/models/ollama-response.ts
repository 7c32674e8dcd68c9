import { createHash } from "node:crypto";
import type { FinishReason, ToolCall } from "../types.js";
import { MalformedResponseError } from "./malformed-response-error.js";
import { parseArguments } from "./provider-adapter.js";
import type { CachedResponse } from "./response-cache.js";
import { arrayAt, objectAt, optionalCountAt, rejectErrorEnvelope, responseObject, stringAt } from "./response-shape.js";

// An /api/chat body (stream: false) → capbench's response, validated against the SDK's
// ChatResponse and Message: a message with string content, and done: true (a non-streamed
// reply is complete or it is a fault). The token counts may be absent (Ollama omits
// prompt_eval_count when the whole prompt came from its cache).

function toolCallsOf(raw: unknown, digest: string, warnings: string[]): ToolCall[] {
  if (raw === undefined || raw === null) return [];
  return arrayAt(raw, "message.tool_calls").map((item, index) => {
    const path = `message.tool_calls[${index}]`;
    const fn = objectAt(objectAt(item, path).function, `${path}.function`);
    const name = stringAt(fn.name, `${path}.function.name`);
    // Ollama sends no call ids: derive stable ones from the reply so cached replays match.
    return { id: `call_${digest}_${index}`, name, arguments: parseArguments(fn.arguments, warnings, name) };
  });
}

export function ollamaResponseFromBody(raw: unknown): CachedResponse {
  const body = responseObject(raw, "Ollama chat");
  rejectErrorEnvelope(body);
  const message = objectAt(body.message, "message");
  const text = stringAt(message.content, "message.content");
  if (body.done !== true)
    throw new MalformedResponseError(
      body.done === false ? "done is false: the reply is incomplete" : "done is missing or not a boolean",
    );
  const doneReason =
    body.done_reason === undefined || body.done_reason === null ? "stop" : stringAt(body.done_reason, "done_reason");
  const digest = createHash("sha256").update(JSON.stringify(message)).digest("hex").slice(0, 12);
  const warnings: string[] = [];
  const toolCalls = toolCallsOf(message.tool_calls, digest, warnings);
  const finishReason: FinishReason =
    toolCalls.length > 0 ? "tool_calls" : doneReason === "length" ? "length" : doneReason === "stop" ? "stop" : "other";
  return {
    text,
    toolCalls,
    finishReason,
    usage: {
      inputTokens: optionalCountAt(body.prompt_eval_count, "prompt_eval_count"),
      outputTokens: optionalCountAt(body.eval_count, "eval_count"),
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    },
    warnings,
  };
}
