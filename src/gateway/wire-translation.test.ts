import { describe, expect, it } from "vitest";
import type { ModelResponse } from "../types.js";
import { parseAnthropicMessagesRequest } from "./anthropic-messages-request.js";
import { anthropicStreamEvents } from "./anthropic-messages-response.js";
import { parseChatCompletionsRequest } from "./chat-completions-request.js";
import { chatCompletionChunks } from "./chat-completions-response.js";
import { parseResponsesRequest } from "./responses-request.js";
import { responseOutputItems, responseStreamEvents } from "./responses-response.js";
import { streamPieces } from "./stream-pieces.js";

// Translation details the SDK round trips do not reach: legacy and mixed shapes in, and the
// exact stream framing out.

const response: ModelResponse = {
  text: "Looking it up 🔎 now.",
  toolCalls: [{ id: "call_1", name: "search", arguments: { query: "Alvar Benn mentor" } }],
  finishReason: "tool_calls",
  usage: { inputTokens: 120, outputTokens: 30, cacheReadTokens: 20, cacheWriteTokens: 10 },
  latencyMs: 1,
  cached: false,
  warnings: [],
};

describe("requests in", () => {
  it("chat: system and developer join the system text; tool results get their call's name; legacy functions", () => {
    const { request, dropped } = parseChatCompletionsRequest({
      model: "m",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "developer", content: [{ type: "text", text: "Use tools." }] },
        {
          role: "user",
          content: [
            { type: "text", text: "Q?" },
            { type: "image_url", image_url: { url: "x" } },
          ],
        },
        { role: "assistant", content: null, function_call: { name: "lookup", arguments: '{"q":1}' } },
        { role: "function", name: "lookup", content: "Error: no such thing" },
      ],
      functions: [{ name: "lookup", parameters: { type: "object" } }],
      response_format: { type: "json_object" },
    });
    expect(request.system).toBe("Be brief.\n\nUse tools.");
    expect(request.messages).toEqual([
      { role: "user", content: "Q?" },
      { role: "assistant", content: "", toolCalls: [{ id: "call_legacy_3", name: "lookup", arguments: { q: 1 } }] },
      { role: "tool", toolCallId: "call_legacy_3", name: "lookup", content: "Error: no such thing", isError: true },
    ]);
    expect(request.tools).toEqual([{ name: "lookup", description: "", parameters: { type: "object" } }]);
    expect([...dropped].sort()).toEqual(['content part "image_url"', 'field "response_format"']);
  });

  it("anthropic: a user turn's tool results become tool messages before its text", () => {
    const { request } = parseAnthropicMessagesRequest({
      model: "m",
      max_tokens: 100,
      system: [{ type: "text", text: "Sys." }],
      messages: [
        { role: "user", content: "Q?" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "hmm", signature: "s" },
            { type: "tool_use", id: "t1", name: "search", input: { query: "a" } },
            { type: "tool_use", id: "t2", name: "read", input: { id: "d1" } },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "t1", content: [{ type: "text", text: "found" }] },
            { type: "tool_result", tool_use_id: "t2", content: "missing", is_error: true },
            { type: "text", text: "Go on." },
          ],
        },
      ],
    });
    expect(request.system).toBe("Sys.");
    expect(request.maxOutputTokens).toBe(100);
    expect(request.messages.slice(2)).toEqual([
      { role: "tool", toolCallId: "t1", name: "search", content: "found" },
      { role: "tool", toolCallId: "t2", name: "read", content: "missing", isError: true },
      { role: "user", content: "Go on." },
    ]);
  });

  it("responses: function calls join the assistant message they follow; reasoning items are skipped", () => {
    const { request } = parseResponsesRequest(
      {
        model: "m",
        instructions: "Sys.",
        input: [
          { role: "user", content: "Q?" },
          { type: "reasoning", id: "rs_1", summary: [] },
          { type: "message", role: "assistant", content: [{ type: "output_text", text: "Let me look." }] },
          { type: "function_call", call_id: "c1", name: "search", arguments: '{"query":"a"}' },
          { type: "function_call", call_id: "c2", name: "search", arguments: '{"query":"b"}' },
          { type: "function_call_output", call_id: "c1", output: "A" },
          { type: "function_call_output", call_id: "c2", output: [{ type: "input_text", text: "B" }] },
        ],
        tools: [{ type: "function", name: "search", parameters: { type: "object" } }, { type: "web_search" }],
      },
      () => undefined,
    );
    expect(request.system).toBe("Sys.");
    expect(request.messages).toEqual([
      { role: "user", content: "Q?" },
      {
        role: "assistant",
        content: "Let me look.",
        toolCalls: [
          { id: "c1", name: "search", arguments: { query: "a" } },
          { id: "c2", name: "search", arguments: { query: "b" } },
        ],
      },
      { role: "tool", toolCallId: "c1", name: "search", content: "A" },
      { role: "tool", toolCallId: "c2", name: "search", content: "B" },
    ]);
    expect(request.tools).toHaveLength(1);
  });
});

describe("streams out", () => {
  it("splits text into pieces without breaking a surrogate pair", () => {
    const text = "a".repeat(47) + "🔎" + "b".repeat(10);
    const pieces = streamPieces(text);
    expect(pieces.join("")).toBe(text);
    for (const piece of pieces) expect(piece).toBe(Buffer.from(piece, "utf8").toString("utf8"));
  });

  it("chat chunks: role, text, tool call with its arguments, finish reason, then usage without choices", () => {
    const chunks = chatCompletionChunks(response, { id: "c", created: 1, model: "m" }, true) as Array<{
      choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null }>;
      usage: unknown;
    }>;
    expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
    const finish = chunks.at(-2)!;
    expect(finish.choices[0]!.finish_reason).toBe("tool_calls");
    expect(finish.usage).toBeNull();
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 });
    const args = chunks
      .flatMap((chunk) => chunk.choices)
      .flatMap((choice) => (choice.delta.tool_calls as Array<{ function: { arguments?: string } }>) ?? [])
      .map((call) => call.function.arguments ?? "")
      .join("");
    expect(JSON.parse(args)).toEqual({ query: "Alvar Benn mentor" });
  });

  it("responses events: numbered in order, from created to completed", () => {
    const meta = {
      id: "resp_1",
      createdAt: 1,
      model: "m",
      instructions: null,
      previousResponseId: null,
      tools: [],
      maxOutputTokens: null,
      temperature: null,
    };
    const events = responseStreamEvents(response, meta, responseOutputItems(response));
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    expect(events.map((event) => event.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
  });

  it("anthropic events: usage without cache in input_tokens, the stop reason in message_delta", () => {
    const events = anthropicStreamEvents(response, { id: "msg_1", model: "m" });
    expect(events.map((event) => event.event)).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect((events[0]!.data.message as { usage: Record<string, number> }).usage).toMatchObject({
      input_tokens: 90,
      cache_read_input_tokens: 20,
      cache_creation_input_tokens: 10,
    });
    expect(events.at(-2)!.data).toMatchObject({ delta: { stop_reason: "tool_use" }, usage: { output_tokens: 30 } });
  });
});
