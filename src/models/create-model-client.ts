import { UsageError } from "../errors.js";
import type { ModelClient, ModelSpec } from "../types.js";
import { createAnthropicAdapter } from "./anthropic-adapter.js";
import { type CircuitPolicy, DEFAULT_CIRCUIT_POLICY, EndpointHealth } from "./endpoint-health.js";
import { parseModelId } from "./model-id.js";
import { createOllamaAdapter } from "./ollama-adapter.js";
import { createOpenAIAdapter } from "./openai-adapter.js";
import { type ProviderAdapter, splitEndpoint } from "./provider-adapter.js";
import { createProviderClient } from "./provider-client.js";
import { providerSettings } from "./provider-settings.js";
import { RateLimiter } from "./rate-limiter.js";
import { ResponseCache } from "./response-cache.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";
import { describeBaseURL, registerSecret } from "./secrets.js";
import { createSimModel } from "./sim/sim-model.js";

export interface ModelClientOptions {
  /** Run seed (used by the simulated ladder). */
  seed: number;
  cache: { mode: "enabled" | "disabled" | "only"; dir: string };
  /** Credentials are read from here, never from process.env directly. */
  env: NodeJS.ProcessEnv;
  /** Overrides of the retry policy (tests use short delays). */
  retry?: Partial<RetryPolicy>;
  /** Transport override handed to the SDKs. */
  fetch?: typeof fetch;
  /** Overrides of the circuit breaker's numbers (tests use a short cool-down). */
  circuit?: Partial<CircuitPolicy>;
  /** Added to every cache key (e.g. the fingerprint of the run's MCP servers and their tools). */
  cacheNamespace?: string;
}

const DEFAULT_CONCURRENCY: Record<string, number> = { anthropic: 8, openai: 8, ollama: 2 };
const DEFAULT_TIMEOUT_MS = 600_000;

// Limits belong to the model endpoint, not to one client object: every client made for the
// same provider, base URL and model shares one limiter.
const limiters = new Map<string, RateLimiter>();

function limiterFor(key: string, spec: ModelSpec, provider: string): RateLimiter {
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new RateLimiter({
      concurrency: Math.max(1, spec.concurrency ?? DEFAULT_CONCURRENCY[provider] ?? 4),
      rpm: spec.rpm,
      tpm: spec.tpm,
    });
    limiters.set(key, limiter);
  }
  return limiter;
}

/** A model's endpoint with its credentials registered as secrets (never printed or written). */
/** The provider settings and the endpoint (URL, headers, query) a model's calls go to. */
export function resolveEndpoint(spec: ModelSpec, env: NodeJS.ProcessEnv) {
  checkCredentials([spec], env);
  const settings = providerSettings(spec, env);
  registerSecret(settings.apiKey);
  const endpoint = splitEndpoint(settings.baseURL);
  for (const value of [...Object.values(endpoint.query), ...Object.values(endpoint.headers)]) registerSecret(value);
  try {
    const url = new URL(settings.baseURL.includes("://") ? settings.baseURL : `http://${settings.baseURL}`);
    registerSecret(decodeURIComponent(url.password));
  } catch {
    throw new UsageError(`models: base URL of "${spec.id}" is not a valid URL: ${describeBaseURL(settings.baseURL)}`);
  }
  return { settings, endpoint };
}

export function createModelClient(spec: ModelSpec, options: ModelClientOptions): ModelClient {
  const { provider } = parseModelId(spec.id);
  if (provider === "sim") return createSimModel(spec, { seed: options.seed });
  const { settings, endpoint } = resolveEndpoint(spec, options.env);
  let adapter: ProviderAdapter;
  const common = {
    modelId: settings.modelId,
    endpoint,
    options: spec.options,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  if (provider === "anthropic") adapter = createAnthropicAdapter({ ...common, apiKey: settings.apiKey ?? "" });
  else if (provider === "openai") {
    adapter = createOpenAIAdapter({
      ...common,
      apiKey: settings.apiKey ?? "not-needed",
      organization: options.env.OPENAI_ORG_ID,
      project: options.env.OPENAI_PROJECT_ID,
    });
  } else adapter = createOllamaAdapter({ ...common, apiKey: settings.apiKey });
  return createProviderClient(adapter, {
    id: spec.id,
    cacheMode: options.cache.mode,
    cache: new ResponseCache(options.cache.dir),
    limiter: limiterFor(`${provider}|${endpoint.url}|${settings.modelId}`, spec, provider),
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    timeoutMs: spec.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.cacheNamespace ? { cacheNamespace: options.cacheNamespace } : {}),
    // Health is per client (one per model per run), not per process like the limiters, so a
    // key fixed between two runs in one process is tried again.
    health: new EndpointHealth(
      {
        id: spec.id,
        baseURL: endpoint.url,
        ...(settings.keyVariable ? { keyVariable: settings.keyVariable } : {}),
        ...(settings.baseURLVariable ? { baseURLVariable: settings.baseURLVariable } : {}),
      },
      { ...DEFAULT_CIRCUIT_POLICY, ...options.circuit },
    ),
  });
}

/** Throws UsageError naming the missing variable, before any work starts. */
export function checkCredentials(specs: ModelSpec[], env: NodeJS.ProcessEnv): void {
  for (const spec of specs) {
    const settings = providerSettings(spec, env);
    if (settings.keyRequired && !settings.apiKey) {
      throw new UsageError(
        `models: "${spec.id}" needs an API key: set the environment variable ${settings.keyVariable}`,
      );
    }
  }
}
