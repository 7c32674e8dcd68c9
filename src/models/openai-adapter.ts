import type OpenAI from "openai";
import { openAIRequestBody } from "./openai-request.js";
import { openAIResponseFromBody } from "./openai-response.js";
import { sdkFetch } from "./sdk-fetch.js";
import type { Endpoint, ProviderAdapter, SendContext } from "./provider-adapter.js";

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

export interface OpenAIClientConfig {
  modelId: string;
  apiKey: string;
  endpoint: Endpoint;
  options?: Record<string, unknown>;
  organization?: string;
  project?: string;
  fetch?: typeof fetch;
}

/** The SDK client's options: the endpoint's headers and query, and the SDK's own retries off. */
export async function openAIClientOptions(config: OpenAIClientConfig) {
  return {
    apiKey: config.apiKey,
    baseURL: config.endpoint.url,
    organization: config.organization ?? null,
    project: config.project ?? null,
    defaultHeaders: config.endpoint.headers,
    defaultQuery: Object.keys(config.endpoint.query).length > 0 ? config.endpoint.query : undefined,
    maxRetries: 0,
    timeout: 24 * 3600_000, // the retry layer's own timer aborts first
    fetch: await sdkFetch(config.fetch),
  };
}

/** The official API wants max_completion_tokens; OpenAI-compatible servers know max_tokens. */
export function openAIRequestSettings(config: OpenAIClientConfig) {
  return {
    modelId: config.modelId,
    options: config.options,
    official: config.endpoint.url.replace(/\/$/, "") === OPENAI_DEFAULT_BASE_URL,
  };
}

export function createOpenAIAdapter(config: OpenAIClientConfig): ProviderAdapter {
  // The SDK is loaded on the first request, not at start-up.
  let client: Promise<OpenAI> | null = null;
  const sdk = () =>
    (client ??= import("openai").then(async ({ default: Sdk }) => new Sdk(await openAIClientOptions(config))));
  const settings = openAIRequestSettings(config);
  return {
    provider: "openai",
    modelId: config.modelId,
    baseURL: config.endpoint.url,
    toWire: (request) => openAIRequestBody(request, settings),
    async send(body: Record<string, unknown>, context: SendContext) {
      const { data, response } = await (
        await sdk()
      ).chat.completions
        .create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming, { signal: context.signal })
        .withResponse();
      context.responseHeaders = response.headers;
      return data;
    },
    fromWire: openAIResponseFromBody,
  };
}
