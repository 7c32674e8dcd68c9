import { ProviderError } from "../errors.js";
import { HarnessLimitError } from "../harness-kit/harness-limit-error.js";

/** The two error dialects the gateway speaks: OpenAI's (Chat Completions, Responses) and Anthropic's. */
export type ErrorDialect = "openai" | "anthropic";

export interface WireError {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** A request the gateway cannot translate: answered 400 in the caller's own format. */
export class WireRequestError extends Error {
  override readonly name = "WireRequestError";
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const OPENAI_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "invalid_request_error",
  404: "invalid_request_error",
  405: "invalid_request_error",
  413: "invalid_request_error",
  429: "rate_limit_error",
};
const ANTHROPIC_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  405: "invalid_request_error",
  413: "request_too_large",
  429: "rate_limit_error",
  529: "overloaded_error",
};

/**
 * An error response in the caller's format. `x-should-retry: false` tells both official SDKs
 * not to retry: capbench's own retry layer already did, and a limit will not lift.
 */
export function wireError(
  dialect: ErrorDialect,
  status: number,
  message: string,
  code: string | null = null,
): WireError {
  const requestId = `req_capbench_${Date.now().toString(36)}`;
  if (dialect === "anthropic") {
    const type = ANTHROPIC_TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
    return {
      status,
      body: { type: "error", error: { type, message }, request_id: requestId },
      headers: { "x-should-retry": "false", "request-id": requestId },
    };
  }
  const type = OPENAI_TYPES[status] ?? (status >= 500 ? "server_error" : "invalid_request_error");
  return {
    status,
    body: { error: { message, type, param: null, code: code ?? (status === 401 ? "invalid_api_key" : null) } },
    headers: { "x-should-retry": "false", "x-request-id": requestId },
  };
}

/** What the child is told when a model call fails: a limit by name, a provider fault, or a gateway fault. */
export function failureToWireError(dialect: ErrorDialect, failure: unknown): WireError {
  if (failure instanceof HarnessLimitError)
    return wireError(
      dialect,
      400,
      `capbench limit reached (${failure.stopReason}): ${failure.message}. This sample allows no more model calls.`,
      `capbench_${failure.stopReason}`,
    );
  if (failure instanceof ProviderError) {
    const status = failure.status !== undefined && failure.status >= 400 && failure.status < 600 ? failure.status : 502;
    return wireError(
      dialect,
      status,
      `capbench: the model provider failed after retries: ${failure.message}`,
      "capbench_provider_error",
    );
  }
  if (failure instanceof WireRequestError) return wireError(dialect, failure.status, failure.message);
  return wireError(dialect, 500, `capbench gateway error: ${(failure as Error)?.message ?? String(failure)}`);
}
