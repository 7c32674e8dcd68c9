import type { Message } from "../types.js";
import { parseAnthropicMessagesRequest } from "./anthropic-messages-request.js";
import { anthropicStreamEvents, renderAnthropicMessage } from "./anthropic-messages-response.js";
import { parseChatCompletionsRequest } from "./chat-completions-request.js";
import { chatCompletionChunks, renderChatCompletion } from "./chat-completions-response.js";
import type { GatewaySession } from "./gateway-session.js";
import { parseResponsesRequest } from "./responses-request.js";
import { renderResponse, responseOutputItems, responseStreamEvents } from "./responses-response.js";
import { wireId } from "./stream-pieces.js";
import type { ErrorDialect } from "./wire-error.js";
import { contentText, requireArray, requireObject } from "./wire-fields.js";

export interface SseEvent {
  event?: string;
  data: unknown;
}

export type WireReply = { kind: "json"; body: unknown } | { kind: "sse"; events: SseEvent[]; done: boolean };

/** One endpoint: its error dialect and how it turns a request body into a reply via the session. */
export interface ModelRoute {
  name: string;
  dialect: ErrorDialect;
  handle(body: unknown, session: GatewaySession, signal: AbortSignal): Promise<WireReply>;
}

const now = () => Math.floor(Date.now() / 1000);

export const chatCompletionsRoute: ModelRoute = {
  name: "chat.completions",
  dialect: "openai",
  async handle(body, session, signal) {
    const parsed = parseChatCompletionsRequest(body);
    session.noteDropped(this.name, parsed.dropped);
    const response = await session.generate(parsed.request, signal);
    const meta = { id: wireId("chatcmpl-"), created: now(), model: parsed.model || session.context.model.id };
    if (!parsed.stream) return { kind: "json", body: renderChatCompletion(response, meta) };
    const events = chatCompletionChunks(response, meta, parsed.includeUsage).map((data) => ({ data }));
    return { kind: "sse", events, done: true };
  },
};

export const responsesRoute: ModelRoute = {
  name: "responses",
  dialect: "openai",
  async handle(body, session, signal) {
    const parsed = parseResponsesRequest(body, (id) => session.history(id));
    session.noteDropped(this.name, parsed.dropped);
    const response = await session.generate(parsed.request, signal);
    const meta = {
      id: wireId("resp_"),
      createdAt: now(),
      model: parsed.model || session.context.model.id,
      instructions: parsed.instructions,
      previousResponseId: parsed.previousResponseId,
      tools: parsed.wireTools,
      maxOutputTokens: parsed.maxOutputTokens,
      temperature: parsed.temperature,
    };
    const output = responseOutputItems(response);
    const reply: Message = {
      role: "assistant",
      content: response.text,
      ...(response.toolCalls.length ? { toolCalls: response.toolCalls } : {}),
    };
    session.rememberResponse(meta.id, [...parsed.request.messages, reply]);
    if (!parsed.stream) return { kind: "json", body: { ...renderResponse(response, meta, output) } };
    const events = responseStreamEvents(response, meta, output).map((data) => ({ event: data.type as string, data }));
    return { kind: "sse", events, done: false };
  },
};

export const anthropicMessagesRoute: ModelRoute = {
  name: "messages",
  dialect: "anthropic",
  async handle(body, session, signal) {
    const parsed = parseAnthropicMessagesRequest(body);
    session.noteDropped(this.name, parsed.dropped);
    const response = await session.generate(parsed.request, signal);
    const meta = { id: wireId("msg_"), model: parsed.model || session.context.model.id };
    if (!parsed.stream) return { kind: "json", body: renderAnthropicMessage(response, meta) };
    return { kind: "sse", events: anthropicStreamEvents(response, meta), done: false };
  },
};

/** `POST /v1/messages/count_tokens`: an estimate (four characters a token), no model call. */
export const anthropicCountTokensRoute: ModelRoute = {
  name: "messages.count_tokens",
  dialect: "anthropic",
  async handle(body) {
    const request = requireObject(body, "request body");
    let characters = contentText(request.system, "system", new Set()).length;
    for (const message of requireArray(request.messages, "messages"))
      characters += JSON.stringify(requireObject(message, "messages[]").content ?? "").length;
    characters += JSON.stringify(request.tools ?? []).length;
    return { kind: "json", body: { input_tokens: Math.ceil(characters / 4) } };
  },
};

/** `GET /v1/models` (and `/v1/models/{id}`): the sample's one model, in the caller's format. */
export function modelsReply(session: GatewaySession, dialect: ErrorDialect, id: string | null): WireReply {
  const modelId = session.context.model.id;
  const openai = { id: modelId, object: "model", created: 0, owned_by: "capbench" };
  const anthropic = { type: "model", id: modelId, display_name: modelId, created_at: "1970-01-01T00:00:00Z" };
  const entry = dialect === "anthropic" ? anthropic : openai;
  if (id !== null) return { kind: "json", body: { ...entry, id } };
  return {
    kind: "json",
    body:
      dialect === "anthropic"
        ? { data: [entry], has_more: false, first_id: modelId, last_id: modelId }
        : { object: "list", data: [entry] },
  };
}
