import { ProviderError } from "../../errors.js";
import type { GenerateOptions, ModelClient, ModelRequest, ModelResponse, Price } from "../../types.js";
import { estimateCostUsd } from "../estimate-cost.js";
import { type CacheMode, cacheKey, type ResponseCache } from "../response-cache.js";
import type { BatchBackend } from "./batch-backend.js";
import type { BatchQueue } from "./batch-queue.js";

/**
 * A model client whose calls go through the model's batch API. The response cache is read
 * first with the key a direct call would use (so a batch result replays in a direct run and
 * the other way round), and that key is the request's custom id in the batch. One per sample,
 * so the journal can say which sample each request came from.
 */
export function createBatchingClient(parts: {
  direct: ModelClient;
  backend: BatchBackend;
  queue: BatchQueue;
  cache: ResponseCache;
  cacheMode: CacheMode;
  price: Price | null;
  sampleKey?: string;
  /** The run's cache-key namespace, as its direct clients use it. */
  cacheNamespace?: string;
}): ModelClient {
  const { direct, backend, queue, cache, cacheMode } = parts;
  return {
    id: direct.id,
    provider: direct.provider,
    modelId: direct.modelId,
    simulated: false,
    ...(direct.health ? { health: () => direct.health!() } : {}),
    async generate(request: ModelRequest, options: GenerateOptions = {}): Promise<ModelResponse> {
      const started = performance.now();
      const { signal, epoch = 0, ordinal = 0 } = options;
      signal?.throwIfAborted();
      const { body, warnings } = backend.toWire(request);
      const key = cacheKey({
        provider: backend.provider,
        model: backend.modelId,
        baseURL: backend.baseURL,
        body,
        epoch,
        ordinal,
        ...(parts.cacheNamespace ? { namespace: parts.cacheNamespace } : {}),
      });
      if (cacheMode !== "disabled") {
        const hit = await cache.get(key);
        if (hit) return { ...hit, latencyMs: performance.now() - started, cached: true };
        if (cacheMode === "only")
          throw new ProviderError(`${direct.id}: cache miss (--cache-only); no request was sent`, { retryable: false });
      }
      return queue.request(
        {
          key,
          body,
          request,
          warnings,
          meta: { customId: key, ...(parts.sampleKey ? { sampleKey: parts.sampleKey } : {}), epoch, ordinal },
          estimatedCostUsd: estimateCostUsd(request, parts.price, { billing: "batch" }),
        },
        options,
      );
    },
  };
}
