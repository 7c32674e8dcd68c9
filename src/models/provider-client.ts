import { ProviderError } from "../errors.js";
import type { GenerateOptions, ModelClient, ModelRequest, ModelResponse } from "../types.js";
import { classifyFailure, type Failure } from "./classify-failure.js";
import type { Admission, EndpointHealth } from "./endpoint-health.js";
import type { ProviderAdapter, SendContext } from "./provider-adapter.js";
import type { RateLimiter } from "./rate-limiter.js";
import { type CacheMode, cacheKey, type CachedResponse, type ResponseCache } from "./response-cache.js";
import { requireJsonContentType } from "./response-shape.js";
import { backoffDelayMs, type RetryPolicy, sleep } from "./retry-policy.js";
import { redactSecrets } from "./secrets.js";

export interface ProviderClientOptions {
  id: string;
  cacheMode: CacheMode;
  cache: ResponseCache;
  limiter: RateLimiter;
  retry: RetryPolicy;
  timeoutMs: number;
  /** The endpoint's auth latch and circuit breaker (one per client). */
  health: EndpointHealth;
  /** Goes into every cache key: what the request alone does not show (e.g. MCP servers' versions). */
  cacheNamespace?: string;
}

/** Rough token count for tpm accounting before the real usage is known. */
function estimateTokens(body: unknown): number {
  return Math.ceil(JSON.stringify(body).length / 4);
}

/** One failed attempt, as the retry loop sees it. */
interface Failed {
  failure: Failure;
  cause: unknown;
}
function isFailed(value: unknown): value is Failed {
  return typeof value === "object" && value !== null && "failure" in value;
}

/**
 * Wraps an adapter with the response cache, rate limits, timeout, the endpoint's health and
 * the one retry layer. Only a successful, well-formed reply is returned or cached: an error
 * status, a connection failure and a malformed reply (not JSON, wrong content type, missing
 * fields) are all faults, retried and then thrown as a ProviderError.
 */
export function createProviderClient(adapter: ProviderAdapter, options: ProviderClientOptions): ModelClient {
  const { id, cache, cacheMode, limiter, retry, timeoutMs, health } = options;

  async function attempt(
    body: Record<string, unknown>,
    callerSignal: AbortSignal | undefined,
  ): Promise<CachedResponse> {
    return limiter.run(
      limiter.limits.tpm ? estimateTokens(body) : 0,
      async (record) => {
        // Checked again once a slot is free: the endpoint may have died while this call waited.
        const admission: Admission = health.admit();
        // One controller, aborted by the timer or by the caller (cheaper than AbortSignal.any,
        // which on Node 20 also keeps composed signals alive as long as the caller's).
        const controller = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          controller.abort(new Error(`request timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        const onCallerAbort = () => controller.abort(callerSignal?.reason);
        if (callerSignal?.aborted) onCallerAbort();
        else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
        const context: SendContext = { signal: controller.signal };
        try {
          const raw = await adapter.send(body, context);
          requireJsonContentType(context.responseHeaders);
          const response = adapter.fromWire(raw);
          health.onResponse();
          record(response.usage.inputTokens + response.usage.outputTokens);
          return response;
        } catch (error) {
          if (callerSignal?.aborted) {
            health.onAbandoned(admission);
            throw callerSignal.reason;
          }
          const failure: Failure = timedOut
            ? { kind: "connection", retryable: true, message: `request timed out after ${timeoutMs} ms` }
            : classifyFailure(error, context.responseHeaders);
          if (failure.kind === "auth") throw health.onAuthFailure(failure);
          if (failure.kind === "connection") health.onConnectionFailure(failure, admission);
          else if (failure.kind === "other") health.onAbandoned(admission);
          else health.onResponse(); // an error status or a malformed body: the endpoint answered
          throw { failure, cause: timedOut ? undefined : error } satisfies Failed;
        } finally {
          clearTimeout(timer);
          callerSignal?.removeEventListener("abort", onCallerAbort);
        }
      },
      callerSignal,
    );
  }

  async function callWithRetries(
    body: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ): Promise<CachedResponse> {
    let last: Failure = { kind: "other", retryable: false, message: "no attempt made" };
    let lastCause: unknown;
    for (let attemptNumber = 0; attemptNumber <= retry.maxRetries; attemptNumber += 1) {
      if (attemptNumber > 0) {
        const asked = last.retryAfterMs;
        if (asked !== undefined && asked > retry.maxRetryAfterMs) break; // the server wants more than we wait
        await sleep(asked ?? backoffDelayMs(attemptNumber, retry), signal);
      }
      health.check(); // a dead endpoint or an open circuit: fail now, without queueing for a slot
      try {
        return await attempt(body, signal);
      } catch (thrown) {
        if (thrown instanceof ProviderError || !isFailed(thrown)) throw thrown; // fatal, or the caller aborted
        last = thrown.failure;
        lastCause = thrown.cause;
        if (!last.retryable) break;
      }
    }
    const attempts = `${retry.maxRetries + 1} attempt${retry.maxRetries === 0 ? "" : "s"}`;
    const summary = last.retryable ? `${last.message} (gave up after ${attempts})` : last.message;
    throw new ProviderError(redactSecrets(`${id} at ${adapter.baseURL}: ${summary}`), {
      status: last.status,
      retryable: last.retryable,
      cause: lastCause instanceof Error ? new Error(redactSecrets(lastCause.message)) : undefined,
    });
  }

  return {
    id,
    provider: adapter.provider,
    modelId: adapter.modelId,
    simulated: false,
    health: () => health.report(),
    async generate(request: ModelRequest, generateOptions: GenerateOptions = {}): Promise<ModelResponse> {
      const started = performance.now();
      const { signal, epoch = 0, ordinal = 0 } = generateOptions;
      signal?.throwIfAborted();
      const { body, warnings } = adapter.toWire(request);
      const key =
        cacheMode === "disabled"
          ? ""
          : cacheKey({
              provider: adapter.provider,
              model: adapter.modelId,
              baseURL: adapter.baseURL,
              body,
              epoch,
              ordinal,
              ...(options.cacheNamespace ? { namespace: options.cacheNamespace } : {}),
            });
      if (cacheMode !== "disabled") {
        const hit = await cache.get(key);
        if (hit) return { ...hit, latencyMs: performance.now() - started, cached: true };
        if (cacheMode === "only") {
          throw new ProviderError(`${id}: cache miss (--cache-only); no request was sent`, { retryable: false });
        }
      }
      const response = await callWithRetries(body, signal);
      const result: CachedResponse = { ...response, warnings: [...warnings, ...response.warnings] };
      if (cacheMode === "enabled") await cache.put(key, result);
      return { ...result, latencyMs: performance.now() - started, cached: false };
    },
  };
}
