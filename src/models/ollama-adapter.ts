import type { Ollama } from "ollama";
import { ollamaRequestBody } from "./ollama-request.js";
import { ollamaResponseFromBody } from "./ollama-response.js";
import type { Endpoint, ProviderAdapter, SendContext } from "./provider-adapter.js";

export const OLLAMA_DEFAULT_HOST = "http://127.0.0.1:11434";

export function createOllamaAdapter(config: {
  modelId: string;
  endpoint: Endpoint;
  apiKey?: string;
  options?: Record<string, unknown>;
  fetch?: typeof fetch;
}): ProviderAdapter {
  const baseFetch = config.fetch ?? fetch;
  const headers = {
    ...config.endpoint.headers,
    ...(config.apiKey ? { Authorization: `Bearer ${config.apiKey}` } : {}),
  };
  const settings = { modelId: config.modelId, options: config.options };
  return {
    provider: "ollama",
    modelId: config.modelId,
    baseURL: config.endpoint.url,
    toWire: (request) => ollamaRequestBody(request, settings),
    async send(body: Record<string, unknown>, context: SendContext) {
      // The SDK passes no signal on non-streamed calls; a per-call fetch adds ours and keeps
      // the response headers (retry-after, content-type) that its ResponseError drops.
      const { Ollama: Sdk } = await import("ollama"); // loaded on the first request, not at start-up
      const client: Ollama = new Sdk({
        host: config.endpoint.url,
        headers,
        fetch: async (input, init) => {
          const response = await baseFetch(input, { ...init, signal: context.signal });
          context.responseHeaders = response.headers;
          return response;
        },
      });
      return client.chat(body as unknown as Parameters<Ollama["chat"]>[0] & { stream: false });
    },
    fromWire: ollamaResponseFromBody,
  };
}
