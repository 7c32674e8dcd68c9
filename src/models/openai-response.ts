import type { FinishReason, ToolCall } from "../types.js";
import { MalformedResponseError } from "./malformed-response-error.js";
import { parseArguments } from "./provider-adapter.js";
import type { CachedResponse } from "./response-cache.js";
import {
  arrayAt,
  countAt,
  isShape,
  nullableStringAt,
  objectAt,
  optionalCountAt,
  rejectErrorEnvelope,
  responseObject,
  stringAt,
} from "./response-shape.js";

// A Chat Completions body → capbench's response, validated against the fields the official
// SDK declares required (ChatCompletion, Choice, ChatCompletionMessage, CompletionUsage) that
// capbench reads. Pure, so a batch output line parses the same way as a direct reply.

const FINISH: Record<string, FinishReason> = {
  stop: "stop",
  tool_calls: "tool_calls",
  function_call: "tool_calls",
  length: "length",
  content_filter: "content_filter",
};

/** Finish reasons under which a message may carry no content and no tool call. */
const MAY_BE_EMPTY = new Set(["length", "content_filter"]);

function toolCallsOf(raw: unknown, warnings: string[]): ToolCall[] {
  if (raw === undefined || raw === null) return [];
  const toolCalls: ToolCall[] = [];
  for (const [index, item] of arrayAt(raw, "choices[0].message.tool_calls").entries()) {
    const path = `choices[0].message.tool_calls[${index}]`;
    const call = objectAt(item, path);
    // Some compatible servers omit `type`; a call with a function is a function call.
    const type = call.type ?? (call.function !== undefined ? "function" : undefined);
    if (type !== "function") {
      warnings.push(`openai: tool call of type "${String(type)}" was ignored`);
      continue;
    }
    const fn = objectAt(call.function, `${path}.function`);
    const name = stringAt(fn.name, `${path}.function.name`);
    toolCalls.push({
      id: stringAt(call.id, `${path}.id`),
      name,
      arguments: parseArguments(fn.arguments, warnings, name),
    });
  }
  return toolCalls;
}

export function openAIResponseFromBody(raw: unknown): CachedResponse {
  const body = responseObject(raw, "Chat Completions");
  rejectErrorEnvelope(body);
  if (body.object !== undefined && body.object !== "chat.completion")
    throw new MalformedResponseError(`object is ${JSON.stringify(body.object)}, expected "chat.completion"`);
  const choices = arrayAt(body.choices, "choices");
  if (choices.length === 0) throw new MalformedResponseError("choices is empty");
  const choice = objectAt(choices[0], "choices[0]");
  const message = objectAt(choice.message, "choices[0].message");
  const finish = stringAt(choice.finish_reason, "choices[0].finish_reason");
  const warnings: string[] = [];
  const toolCalls = toolCallsOf(message.tool_calls, warnings);
  const content =
    message.content === undefined ? null : nullableStringAt(message.content, "choices[0].message.content");
  const refusal =
    message.refusal === undefined ? null : nullableStringAt(message.refusal, "choices[0].message.refusal");
  if (content === null && toolCalls.length === 0 && refusal === null && !MAY_BE_EMPTY.has(finish))
    throw new MalformedResponseError(
      `choices[0].message has no content, tool call or refusal (finish_reason "${finish}")`,
    );
  if (refusal) warnings.push(`openai: refusal: ${refusal}`);

  let usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  if (body.usage === undefined || body.usage === null)
    warnings.push("openai: the response has no usage; tokens count as 0");
  else {
    const wireUsage = objectAt(body.usage, "usage");
    const details = isShape(wireUsage.prompt_tokens_details) ? wireUsage.prompt_tokens_details : {};
    usage = {
      inputTokens: countAt(wireUsage.prompt_tokens, "usage.prompt_tokens"),
      outputTokens: countAt(wireUsage.completion_tokens, "usage.completion_tokens"),
      cacheReadTokens: optionalCountAt(details.cached_tokens, "usage.prompt_tokens_details.cached_tokens"),
      cacheWriteTokens: 0, // OpenAI caches automatically and does not bill writes
    };
  }
  return {
    text: content ?? "",
    toolCalls,
    finishReason: FINISH[finish] ?? (toolCalls.length > 0 ? "tool_calls" : "other"),
    usage,
    warnings,
  };
}
