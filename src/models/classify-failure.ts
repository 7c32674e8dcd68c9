import { MalformedResponseError } from "./malformed-response-error.js";
import { isRetryableStatus, retryAfterMs } from "./retry-policy.js";

/**
 * What went wrong with one attempt. `auth`: the key was refused (401/403, Anthropic
 * authentication_error/permission_error, OpenAI invalid_api_key). `connection`: no HTTP
 * response at all (refused, DNS, reset, timeout). `malformed`: a reply that does not parse
 * into the provider's shape. `status`: any other error status. `other`: anything else.
 */
export type FailureKind = "auth" | "connection" | "malformed" | "status" | "other";

export interface Failure {
  kind: FailureKind;
  status?: number;
  retryable: boolean;
  message: string;
  retryAfterMs?: number;
}

const CONNECTION_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
]);
const CONNECTION_TEXT = /fetch failed|terminated|other side closed|socket hang up|connection error|network/i;
const AUTH_STATUSES = new Set([401, 403]);
const AUTH_TYPES = new Set(["authentication_error", "permission_error", "invalid_api_key"]);

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The provider's error object from an SDK error body: anthropic nests it once more than openai. */
function errorObject(error: unknown): Record<string, unknown> | undefined {
  const body = (error as { error?: unknown }).error;
  if (!body || typeof body !== "object") return undefined;
  const inner = (body as { error?: unknown }).error;
  return (inner && typeof inner === "object" ? inner : body) as Record<string, unknown>;
}

/** The provider's own error text from an SDK error body, if there is one. */
function bodyMessage(error: unknown): string | undefined {
  const body = (error as { error?: unknown }).error;
  if (typeof body === "string") return body; // ollama: { error: "..." }
  const source = errorObject(error);
  const type = source?.type;
  const message = source?.message;
  if (typeof message === "string")
    return typeof type === "string" && type !== "error" ? `${type}: ${message}` : message;
  return undefined;
}

function isAuthError(status: number, error: unknown): boolean {
  if (AUTH_STATUSES.has(status)) return true;
  const source = errorObject(error);
  return AUTH_TYPES.has(String(source?.type)) || AUTH_TYPES.has(String(source?.code));
}

/** Classifies an SDK or transport error; `headers` are the attempt's response headers if known. */
export function classifyFailure(error: unknown, headers?: Headers): Failure {
  const rawStatus = (error as { status?: unknown })?.status ?? (error as { status_code?: unknown })?.status_code;
  const status = typeof rawStatus === "number" ? rawStatus : undefined;
  const errorHeaders = (error as { headers?: unknown })?.headers;
  const responseHeaders = errorHeaders instanceof Headers ? errorHeaders : headers;
  const text = error instanceof Error ? error.message : String(error);
  if (status !== undefined) {
    const auth = isAuthError(status, error);
    return {
      kind: auth ? "auth" : "status",
      status,
      retryable: !auth && isRetryableStatus(status),
      message: `HTTP ${status}: ${bodyMessage(error) ?? text.replace(/^\d{3}\s*/, "")}`,
      retryAfterMs: retryAfterMs(responseHeaders),
    };
  }
  if (error instanceof MalformedResponseError || error instanceof SyntaxError) {
    const contentType = responseHeaders?.get("content-type");
    const where = contentType ? ` (content-type ${contentType})` : "";
    const what = error instanceof SyntaxError ? `the body is not valid JSON: ${text}` : text;
    return { kind: "malformed", retryable: true, message: `malformed response${where}: ${what}` };
  }
  const code = errorCode(error);
  if (code || CONNECTION_TEXT.test(text) || (error as { name?: string })?.name === "APIConnectionError") {
    return { kind: "connection", retryable: true, message: `connection failed${code ? ` (${code})` : ""}: ${text}` };
  }
  return { kind: "other", retryable: false, message: text };
}
