// Keeps credentials out of everything capbench prints or writes. Keys read from the environment
// are registered here when a client is created, so their exact values are removed wherever they
// appear; well-known key shapes and URL credentials are removed by pattern as well.

const knownSecrets = new Set<string>();

/** Registers a credential value so that redactSecrets removes it from any text. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) knownSecrets.add(value);
}

const PATTERNS: Array<[RegExp, string]> = [
  // user:pass@ in any URL
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*(?::[^\s/@]*)?@/gi, "$1[REDACTED]@"],
  // key-like query parameters
  [/([?&](?:api[_-]?key|key|token|access[_-]?token|auth|password|secret|sig|signature)=)[^&#\s"']+/gi, "$1[REDACTED]"],
  // Authorization / x-api-key style headers
  [
    /\b(authorization|x-api-key|api-key|x-goog-api-key)(["']?\s*[:=]\s*["']?)(?:bearer\s+|basic\s+)?[^\s"',}]+/gi,
    "$1$2[REDACTED]",
  ],
  [/\bbearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, "Bearer [REDACTED]"],
  // provider key shapes: sk-..., sk-ant-..., sk-proj-..., gsk_..., xai-...
  [/\b(?:sk|gsk|xai|pk|rk)[-_][A-Za-z0-9_-]{6,}/g, "[REDACTED]"],
];

/** Removes API keys, auth headers and URL credentials from text. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const secret of knownSecrets) result = result.split(secret).join("[REDACTED]");
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/** A base URL fit for display and cache keys: no user, password, query or fragment. */
export function describeBaseURL(url: string | undefined): string {
  if (!url) return "";
  try {
    const parsed = new URL(url.includes("://") ? url : `http://${url}`);
    parsed.username = "";
    parsed.password = "";
    parsed.search = "";
    parsed.hash = "";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return redactSecrets(url);
  }
}
