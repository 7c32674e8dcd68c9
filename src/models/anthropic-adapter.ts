import type Anthropic from "@anthropic-ai/sdk";
import { anthropicRequestBody } from "./anthropic-request.js";
import { anthropicResponseFromBody } from "./anthropic-response.js";
import { sdkFetch } from "./sdk-fetch.js";
import type { Endpoint, ProviderAdapter, SendContext } from "./provider-adapter.js";

export interface AnthropicClientConfig {
  modelId: string;
  apiKey: string;
  endpoint: Endpoint;
  options?: Record<string, unknown>;
  fetch?: typeof fetch;
}

/** The SDK client's options: the endpoint's headers and query, and the SDK's own retries off. */
export async function anthropicClientOptions(config: AnthropicClientConfig) {
  return {
    apiKey: config.apiKey,
    authToken: null,
    baseURL: config.endpoint.url,
    defaultHeaders: config.endpoint.headers,
    defaultQuery: Object.keys(config.endpoint.query).length > 0 ? config.endpoint.query : undefined,
    maxRetries: 0,
    timeout: 24 * 3600_000, // the retry layer's own timer aborts first
    fetch: await sdkFetch(config.fetch),
  };
}

export function createAnthropicAdapter(config: AnthropicClientConfig): ProviderAdapter {
  // The SDK is loaded on the first request, not at start-up: a run that never calls Anthropic
  // (or `capbench --help`) does not pay for importing it.
  let client: Promise<Anthropic> | null = null;
  const sdk = () =>
    (client ??= import("@anthropic-ai/sdk").then(
      async ({ default: Sdk }) => new Sdk(await anthropicClientOptions(config)),
    ));
  const settings = { modelId: config.modelId, options: config.options };
  return {
    provider: "anthropic",
    modelId: config.modelId,
    baseURL: config.endpoint.url,
    toWire: (request) => anthropicRequestBody(request, settings),
    async send(body: Record<string, unknown>, context: SendContext) {
      const { data, response } = await (
        await sdk()
      ).messages
        .create(body as unknown as Anthropic.MessageCreateParamsNonStreaming, { signal: context.signal })
        .withResponse();
      context.responseHeaders = response.headers;
      return data;
    },
    fromWire: anthropicResponseFromBody,
  };
}
