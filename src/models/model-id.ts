import { UsageError } from "../errors.js";

export const PROVIDERS = ["anthropic", "openai", "ollama", "sim"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** Splits `provider:model` on the first colon only: `ollama:qwen2.5:7b` → ollama, qwen2.5:7b. */
export function parseModelId(id: string): { provider: ProviderName; modelId: string } {
  const colon = id.indexOf(":");
  const provider = colon === -1 ? id : id.slice(0, colon);
  const modelId = colon === -1 ? "" : id.slice(colon + 1);
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new UsageError(
      `models: unknown provider "${provider}" in model id "${id}" (use anthropic:, openai:, ollama: or sim:)`,
    );
  }
  if (!modelId) throw new UsageError(`models: model id "${id}" names no model (expected "${provider}:<model>")`);
  return { provider: provider as ProviderName, modelId };
}
