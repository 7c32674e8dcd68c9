import {
  estimateTokens,
  type FakeServer,
  type FakeServerOptions,
  startFakeServer,
  type WireFormat,
} from "./fake-server.js";

// OpenAI Chat Completions (POST /v1/chat/completions): choices[0].message with content and
// tool_calls (arguments as a JSON string), finish_reason, usage with
// prompt_tokens_details.cached_tokens, and { error: { message, type, param, code } } errors.
// The SDK's base URL is `${server.url}/v1`.

const ERRORS: Record<number, { type: string; code: string | null }> = {
  400: { type: "invalid_request_error", code: null },
  401: { type: "invalid_request_error", code: "invalid_api_key" },
  404: { type: "invalid_request_error", code: "model_not_found" },
  429: { type: "requests", code: "rate_limit_exceeded" },
  500: { type: "server_error", code: null },
  503: { type: "server_error", code: null },
};

export const openaiFormat: WireFormat = {
  matches: (method, path) => method === "POST" && path === "/v1/chat/completions",
  renderReply(reply, request, sequence) {
    const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({
      id: call.id ?? `call_${sequence}_${index}`,
      type: "function",
      function: { name: call.name, arguments: JSON.stringify(call.arguments) },
    }));
    const promptTokens = reply.usage?.input ?? estimateTokens(request.rawBody);
    const completionTokens = reply.usage?.output ?? estimateTokens(reply.text ?? "") + 10 * toolCalls.length;
    return {
      id: `chatcmpl-${sequence}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: request.body?.model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: reply.text ?? (toolCalls.length ? null : ""),
            refusal: null,
            ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
            annotations: [],
          },
          logprobs: null,
          finish_reason: reply.finishReason ?? (toolCalls.length ? "tool_calls" : "stop"),
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        prompt_tokens_details: { cached_tokens: reply.usage?.cacheRead ?? 0, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 0,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
      service_tier: "default",
      system_fingerprint: "fp_fake",
    };
  },
  renderError(status, message) {
    const known = ERRORS[status] ?? { type: status >= 500 ? "server_error" : "invalid_request_error", code: null };
    return {
      body: { error: { message, type: known.type, param: null, code: known.code } },
      headers: { "x-request-id": `req_${Date.now()}` },
    };
  },
  overloaded: () => ({
    status: 529,
    body: { error: { message: "Overloaded", type: "server_error", param: null, code: null } },
  }),
  hollow: (rendered) => ({ ...rendered, choices: [] }),
  // A choice without its message, as a broken proxy or compatible server may send.
  incomplete: (rendered) => ({ ...rendered, choices: [{ index: 0, finish_reason: "stop", logprobs: null }] }),
};

export function startOpenAIServer(options?: FakeServerOptions): Promise<FakeServer> {
  return startFakeServer(openaiFormat, options);
}
