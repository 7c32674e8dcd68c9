import { ProviderError } from "../errors.js";
import type { GenerateOptions, ModelClient, ModelRequest, ModelResponse } from "../types.js";
import { classifyFailure, type Failure } from "./classify-failure.js";
import type { ProviderAdapter, SendContext } from "./provider-adapter.js";
import type { RateLimiter } from "./rate-limiter.js";
import { type CacheMode, cacheKey, type CachedResponse, type ResponseCache } from "./response-cache.js";
import { backoffDelayMs, type RetryPolicy, sleep } from "./retry-policy.js";
import { redactSecrets } from "./secrets.js";

export interface ProviderClientOptions {
  id: string;
  cacheMode: CacheMode;
  cache: ResponseCache;
  limiter: RateLimiter;
  retry: RetryPolicy;
  timeoutMs: number;
}

/** Rough token count for tpm accounting before the real usage is known. */
function estimateTokens(body: unknown): number {
  return Math.ceil(JSON.stringify(body).length / 4);
}

/** Wraps an adapter with the response cache, rate limits, timeout and the one retry layer. */
export function createProviderClient(adapter: ProviderAdapter, options: ProviderClientOptions): ModelClient {
  const { id, cache, cacheMode, limiter, retry, timeoutMs } = options;

  async function attempt(
    body: Record<string, unknown>,
    callerSignal: AbortSignal | undefined,
  ): Promise<CachedResponse> {
    return limiter.run(
      limiter.limits.tpm ? estimateTokens(body) : 0,
      async (record) => {
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
          const response = adapter.fromWire(raw);
          record(response.usage.inputTokens + response.usage.outputTokens);
          return response;
        } catch (error) {
          if (callerSignal?.aborted) throw callerSignal.reason;
          if (timedOut) throw { timedOut: true } satisfies TimedOut;
          throw { failure: classifyFailure(error, context.responseHeaders), cause: error } satisfies Failed;
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
    let last: Failure = { retryable: false, message: "no attempt made" };
    let lastCause: unknown;
    for (let attemptNumber = 0; attemptNumber <= retry.maxRetries; attemptNumber += 1) {
      if (attemptNumber > 0) {
        const asked = last.retryAfterMs;
        const delay =
          asked !== undefined && asked <= retry.maxRetryAfterMs ? asked : backoffDelayMs(attemptNumber, retry);
        if (asked !== undefined && asked > retry.maxRetryAfterMs) break; // the server wants more than we wait
        await sleep(delay, signal);
      }
      try {
        return await attempt(body, signal);
      } catch (thrown) {
        if (isTimedOut(thrown)) {
          last = { retryable: true, message: `request timed out after ${timeoutMs} ms` };
          lastCause = undefined;
        } else if (isFailed(thrown)) {
          last = thrown.failure;
          lastCause = thrown.cause;
        } else throw thrown; // the caller aborted
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
    async generate(request: ModelRequest, generateOptions: GenerateOptions = {}): Promise<ModelResponse> {
      const started = performance.now();
      const { signal, epoch = 0 } = generateOptions;
      signal?.throwIfAborted();
      const { body, warnings } = adapter.toWire(request);
      const key =
        cacheMode === "disabled"
          ? ""
          : cacheKey({ provider: adapter.provider, model: adapter.modelId, baseURL: adapter.baseURL, body, epoch });
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

interface TimedOut {
  timedOut: true;
}
interface Failed {
  failure: Failure;
  cause: unknown;
}
function isTimedOut(value: unknown): value is TimedOut {
  return typeof value === "object" && value !== null && (value as TimedOut).timedOut === true;
}
function isFailed(value: unknown): value is Failed {
  return typeof value === "object" && value !== null && "failure" in value;
}
