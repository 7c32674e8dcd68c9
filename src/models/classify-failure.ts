import { isRetryableStatus, retryAfterMs } from "./retry-policy.js";

export interface Failure {
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
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
]);
const CONNECTION_TEXT = /fetch failed|terminated|other side closed|socket hang up|connection error|network/i;

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The provider's own error text from an SDK error body, if there is one. */
function bodyMessage(error: unknown): string | undefined {
  const body = (error as { error?: unknown }).error;
  if (typeof body === "string") return body; // ollama: { error: "..." }
  if (body && typeof body === "object") {
    const inner = (body as { error?: unknown }).error; // anthropic: { type, error: { type, message } }
    const source = inner && typeof inner === "object" ? inner : body; // openai SDK keeps the inner object
    const type = (source as { type?: unknown }).type;
    const message = (source as { message?: unknown }).message;
    if (typeof message === "string")
      return typeof type === "string" && type !== "error" ? `${type}: ${message}` : message;
  }
  return undefined;
}

/** Classifies an SDK or transport error; `headers` are the attempt's response headers if known. */
export function classifyFailure(error: unknown, headers?: Headers): Failure {
  const rawStatus = (error as { status?: unknown })?.status ?? (error as { status_code?: unknown })?.status_code;
  const status = typeof rawStatus === "number" ? rawStatus : undefined;
  const errorHeaders = (error as { headers?: unknown })?.headers;
  const responseHeaders = errorHeaders instanceof Headers ? errorHeaders : headers;
  const text = error instanceof Error ? error.message : String(error);
  if (status !== undefined) {
    return {
      status,
      retryable: isRetryableStatus(status),
      message: `HTTP ${status}: ${bodyMessage(error) ?? text.replace(/^\d{3}\s*/, "")}`,
      retryAfterMs: retryAfterMs(responseHeaders),
    };
  }
  if (error instanceof SyntaxError) return { retryable: true, message: `malformed response body: ${text}` };
  const code = errorCode(error);
  if (code || CONNECTION_TEXT.test(text) || (error as { name?: string })?.name === "APIConnectionError") {
    return { retryable: true, message: `connection failed${code ? ` (${code})` : ""}: ${text}` };
  }
  return { retryable: false, message: text };
}
