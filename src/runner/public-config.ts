import type { ResolvedConfig } from "../config/resolved-config.js";
import { describeBaseURL, redactSecrets } from "../models/secrets.js";
import type { RunConfigRecord } from "../store/index.js";

export const REDACTED = "[REDACTED]";

/** Parts of an option name that make it a credential, wherever they appear in it. */
const SECRET_WORDS = ["apikey", "secret", "password", "passwd", "passphrase", "credential", "authorization"];
/** Endings that make it one: `x_api_key`, `accessToken`, `session-token`… (not `prompt_cache_key`, `max_tokens`). */
const SECRET_ENDINGS = [
  "privatekey",
  "accesskey",
  "authkey",
  "sessionkey",
  "subscriptionkey",
  "signingkey",
  "encryptionkey",
  "accesstoken",
  "authtoken",
  "bearertoken",
  "idtoken",
  "refreshtoken",
  "sessiontoken",
  "apitoken",
  "securitytoken",
];

/** Option names that hold credentials (`apiKey`, `x-api-key`, `accessToken`, `password`…), not counts like `maxTokens`. */
export function isSecretName(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  return (
    ["key", "token", "auth"].includes(normalized) ||
    SECRET_WORDS.some((word) => normalized.includes(word)) ||
    SECRET_ENDINGS.some((ending) => normalized.endsWith(ending))
  );
}

/**
 * A copy with credentials removed: values under secret-sounding names, and strings that hold a
 * key (known key shapes, keys read from the environment, URL credentials).
 */
export function redactValue(value: unknown, name = ""): unknown {
  if (name && isSecretName(name) && (typeof value === "string" || (typeof value === "object" && value !== null)))
    return REDACTED;
  if (typeof value === "string") return redactSecrets(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactValue(inner, key)]));
  return value;
}

/**
 * The config as written to run.json: credentials in base URLs removed, and anything secret in a
 * model's options or headers redacted (keys come from the environment and are never in it, but a
 * user may put one in `options`).
 */
export function publicConfig(config: ResolvedConfig): RunConfigRecord {
  return {
    ...config,
    // An external harness's env and an MCP server's env and headers may hold credentials too.
    harnesses: config.harnesses.map((ref) =>
      typeof ref === "object" && "command" in ref && ref.env ? { ...ref, env: redactValue(ref.env, "env") } : ref,
    ) as RunConfigRecord["harnesses"],
    mcpServers: redactValue(config.mcpServers) as Record<string, unknown>,
    models: config.models.map((model) => ({
      ...model,
      ...(model.baseURL ? { baseURL: describeBaseURL(model.baseURL) } : {}),
      ...(model.options ? { options: redactValue(model.options) as Record<string, unknown> } : {}),
    })),
  };
}

/** True when a redacted value sits anywhere in `value` (a resume must not send it as is). */
export function holdsRedacted(value: unknown): boolean {
  if (value === REDACTED) return true;
  if (Array.isArray(value)) return value.some(holdsRedacted);
  if (value && typeof value === "object") return Object.values(value).some(holdsRedacted);
  return typeof value === "string" && value.includes(REDACTED);
}
