import { ProviderError } from "../../errors.js";
import { classifyFailure, type Failure } from "../classify-failure.js";
import { backoffDelayMs, type RetryPolicy, sleep } from "../retry-policy.js";
import { redactSecrets } from "../secrets.js";

/**
 * One batch API call under the retry policy of direct calls: retryable failures (429, 5xx,
 * connection, malformed replies) are retried with backoff, honouring retry-after; the rest, and
 * the last failure, become a ProviderError (`fatal: "auth"` for a refused key). `beforeRetry`
 * may settle the call another way first (a create whose reply was lost may have succeeded).
 */
export async function callWithRetries<T>(
  call: () => Promise<T>,
  context: {
    retry: RetryPolicy;
    signal: AbortSignal;
    what: string;
    beforeRetry?(failure: Failure): Promise<T | null>;
  },
): Promise<T> {
  const { retry, signal } = context;
  let last: Failure = { kind: "other", retryable: false, message: "no attempt made" };
  for (let attempt = 0; attempt <= retry.maxRetries; attempt++) {
    if (attempt > 0) {
      if (last.retryAfterMs !== undefined && last.retryAfterMs > retry.maxRetryAfterMs) break;
      await sleep(last.retryAfterMs ?? backoffDelayMs(attempt, retry), signal);
      const settled = await context.beforeRetry?.(last);
      if (settled !== undefined && settled !== null) return settled;
    }
    try {
      return await call();
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      last = classifyFailure(error);
      if (last.kind === "auth")
        throw new ProviderError(redactSecrets(`${context.what}: ${last.message}`), {
          status: last.status,
          fatal: "auth",
        });
      if (!last.retryable) break;
    }
  }
  const gaveUp = last.retryable ? ` (gave up after ${retry.maxRetries + 1} attempts)` : "";
  throw new ProviderError(redactSecrets(`${context.what}: ${last.message}${gaveUp}`), {
    status: last.status,
    retryable: last.retryable,
  });
}
