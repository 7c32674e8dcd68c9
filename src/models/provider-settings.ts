import type { ModelSpec } from "../types.js";
import { parseModelId, type ProviderName } from "./model-id.js";
import { OLLAMA_DEFAULT_HOST } from "./ollama-adapter.js";
import { OPENAI_DEFAULT_BASE_URL } from "./openai-adapter.js";

export interface ProviderSettings {
  provider: ProviderName;
  modelId: string;
  /** Raw base URL (may still carry credentials). */
  baseURL: string;
  /** The environment variable the base URL came from, when it did. */
  baseURLVariable?: string;
  /** The variable holding the key, and whether the call cannot work without it. */
  keyVariable?: string;
  keyRequired: boolean;
  apiKey?: string;
}

const DEFAULT_BASE_URL: Record<string, string> = {
  anthropic: "https://api.anthropic.com",
  openai: OPENAI_DEFAULT_BASE_URL,
};

/**
 * Where a model lives and which key it needs. A custom OpenAI base URL (vLLM, llama.cpp,
 * LM Studio…) needs no key unless `apiKeyEnv` names one; Ollama needs none unless named.
 */
export function providerSettings(spec: ModelSpec, env: NodeJS.ProcessEnv): ProviderSettings {
  const { provider, modelId } = parseModelId(spec.id);
  const nonEmpty = (value: string | undefined) => (value && value.trim() !== "" ? value : undefined);
  if (provider === "ollama") {
    const keyVariable = spec.apiKeyEnv;
    const fromEnv = spec.baseURL === undefined && nonEmpty(env.OLLAMA_HOST) !== undefined;
    return {
      provider,
      modelId,
      baseURL: spec.baseURL ?? nonEmpty(env.OLLAMA_HOST) ?? OLLAMA_DEFAULT_HOST,
      ...(fromEnv ? { baseURLVariable: "OLLAMA_HOST" } : {}),
      keyVariable,
      keyRequired: keyVariable !== undefined,
      apiKey: keyVariable ? nonEmpty(env[keyVariable]) : undefined,
    };
  }
  if (provider === "sim") return { provider, modelId, baseURL: "", keyRequired: false };
  const upper = provider.toUpperCase();
  const baseURL = spec.baseURL ?? nonEmpty(env[`${upper}_BASE_URL`]) ?? DEFAULT_BASE_URL[provider] ?? "";
  const fromEnv = spec.baseURL === undefined && nonEmpty(env[`${upper}_BASE_URL`]) !== undefined;
  const keyVariable = spec.apiKeyEnv ?? `${upper}_API_KEY`;
  const customOpenAI = provider === "openai" && baseURL.replace(/\/$/, "") !== OPENAI_DEFAULT_BASE_URL;
  return {
    provider,
    modelId,
    baseURL,
    ...(fromEnv ? { baseURLVariable: `${upper}_BASE_URL` } : {}),
    keyVariable,
    keyRequired: spec.apiKeyEnv !== undefined || !customOpenAI,
    apiKey: nonEmpty(env[keyVariable]),
  };
}
