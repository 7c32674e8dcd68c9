// Whether and where to send OpenTelemetry traces, from flags and the standard OTEL_* variables.
// This file imports nothing from OpenTelemetry: deciding costs nothing when tracing is off.

export interface OtelSettings {
  /** Full OTLP/HTTP traces URL, e.g. http://localhost:4318/v1/traces. */
  tracesUrl: string;
  /** Record message contents, tool arguments and results (opt-in: they may be sensitive). */
  content: boolean;
  serviceName: string;
  /** From OTEL_EXPORTER_OTLP_(TRACES_)HEADERS; may hold credentials: never printed. */
  headers: Record<string, string>;
  /** OTEL_EXPORTER_OTLP_(TRACES_)TIMEOUT in milliseconds (the SDK's default, 10 s, when unset). */
  timeoutMs?: number;
}

export interface OtelFlags {
  /** `--otel [URL]`: undefined when not given, "" when given without a URL. */
  endpoint?: string;
  /** `--otel-content`. */
  content?: boolean;
}

const DEFAULT_ENDPOINT = "http://localhost:4318";

/**
 * Tracing is on with `--otel` or when OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set (and OTEL_SDK_DISABLED is not "true"), or always
 * when `required`. The URL: `--otel URL` (with /v1/traces added unless present), else the
 * traces endpoint as given, else the endpoint + /v1/traces, else localhost:4318. Contents
 * with `--otel-content` or OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true.
 */
export function otelSettings(env: NodeJS.ProcessEnv, flags: OtelFlags = {}, required = false): OtelSettings | null {
  const tracesEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const flagged = flags.endpoint !== undefined;
  if (!flagged && !required) {
    if (!tracesEndpoint && !endpoint) return null;
    if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return null;
  }
  const tracesUrl = flags.endpoint
    ? withTracesPath(flags.endpoint)
    : tracesEndpoint || withTracesPath(endpoint || DEFAULT_ENDPOINT);
  const timeout = Number(env.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT ?? env.OTEL_EXPORTER_OTLP_TIMEOUT);
  return {
    tracesUrl,
    content:
      flags.content === true || env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT?.trim().toLowerCase() === "true",
    serviceName: env.OTEL_SERVICE_NAME?.trim() || "capbench",
    headers: {
      ...parseHeaders(env.OTEL_EXPORTER_OTLP_HEADERS),
      ...parseHeaders(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS),
    },
    ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
  };
}

function withTracesPath(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, "");
  return trimmed.endsWith("/v1/traces") ? trimmed : `${trimmed}/v1/traces`;
}

/** `key=value,key2=value2`, values URL-encoded (the OTLP exporter specification's format). */
function parseHeaders(text: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (text ?? "").split(",")) {
    const equals = pair.indexOf("=");
    if (equals <= 0) continue;
    try {
      headers[decodeURIComponent(pair.slice(0, equals).trim())] = decodeURIComponent(pair.slice(equals + 1).trim());
    } catch {
      // a malformed pair is skipped, as the SDK does
    }
  }
  return headers;
}
