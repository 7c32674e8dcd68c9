import type { ModelSpec } from "../../types.js";
import { type ModelClientOptions, resolveEndpoint } from "../create-model-client.js";
import { parseModelId } from "../model-id.js";
import { createAnthropicBatchBackend } from "./anthropic-batch-backend.js";
import type { BatchBackend } from "./batch-backend.js";
import { createOpenAIBatchBackend } from "./openai-batch-backend.js";

/**
 * The model's batch API (OpenAI Batch, Anthropic Message Batches), or null for providers
 * without one (Ollama, simulated, and OpenAI-compatible servers without a key are still given
 * one: a server that lacks the endpoints answers 404, a ProviderError).
 */
export function createBatchBackend(
  spec: ModelSpec,
  options: Pick<ModelClientOptions, "env" | "fetch">,
): BatchBackend | null {
  const { provider } = parseModelId(spec.id);
  if (provider !== "openai" && provider !== "anthropic") return null;
  const { settings, endpoint } = resolveEndpoint(spec, options.env);
  const common = {
    modelId: settings.modelId,
    endpoint,
    options: spec.options,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  if (provider === "anthropic") return createAnthropicBatchBackend({ ...common, apiKey: settings.apiKey ?? "" });
  return createOpenAIBatchBackend({
    ...common,
    apiKey: settings.apiKey ?? "not-needed",
    organization: options.env.OPENAI_ORG_ID,
    project: options.env.OPENAI_PROJECT_ID,
  });
}
