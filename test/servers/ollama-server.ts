import {
  estimateTokens,
  type FakeServer,
  type FakeServerOptions,
  startFakeServer,
  type WireFormat,
} from "./fake-server.js";

// Ollama native chat (POST /api/chat, stream: false): message with content and tool_calls
// (arguments as an object, no ids), done / done_reason, prompt_eval_count / eval_count and
// the duration fields; errors are { error: "message" }.

export const ollamaFormat: WireFormat = {
  matches: (method, path) => method === "POST" && path === "/api/chat",
  renderReply(reply, request) {
    const toolCalls = (reply.toolCalls ?? []).map((call) => ({
      function: { name: call.name, arguments: call.arguments },
    }));
    return {
      model: request.body?.model,
      created_at: new Date().toISOString(),
      message: { role: "assistant", content: reply.text ?? "", ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
      done: true,
      done_reason: reply.finishReason ?? "stop",
      total_duration: 174560334,
      load_duration: 101397084,
      prompt_eval_count: reply.usage?.input ?? estimateTokens(request.rawBody),
      prompt_eval_duration: 13074791,
      eval_count: reply.usage?.output ?? estimateTokens(reply.text ?? "") + 10 * toolCalls.length,
      eval_duration: 52479709,
    };
  },
  renderError: (_status, message) => ({ body: { error: message } }),
  overloaded: () => ({ status: 529, body: { error: "overloaded" } }),
  hollow: ({ message: _message, ...rest }) => rest,
  // A non-streamed reply cut short: done false, no done_reason.
  incomplete: ({ done_reason: _reason, ...rest }) => ({ ...rest, done: false }),
};

export function startOllamaServer(options?: FakeServerOptions): Promise<FakeServer> {
  return startFakeServer(ollamaFormat, options);
}
