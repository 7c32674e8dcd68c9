import { z } from "zod";
import type { ProviderPlugin } from "./plugin-types.js";

// The model providers and the `options` each passes through to its API. The common ones are
// typed; the rest are accepted as written. A key no provider knows is refused at load with a
// did-you-mean; a key another provider knows only draws a warning (it does not apply here).

const temperature = z.number().min(0).max(2).optional();
const probability = z.number().min(0).max(1).optional();
const count = z.int().positive().optional();
const stop = z.union([z.string(), z.array(z.string())]).optional();

const anthropicOptions = {
  temperature: z.number().min(0).max(1).optional(),
  max_tokens: count,
  top_p: probability,
  top_k: count,
  stop_sequences: z.array(z.string()).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  tool_choice: z.unknown().optional(),
  thinking: z.unknown().optional(),
  service_tier: z.string().optional(),
};

const openaiOptions = {
  temperature,
  top_p: probability,
  frequency_penalty: z.number().min(-2).max(2).optional(),
  presence_penalty: z.number().min(-2).max(2).optional(),
  stop,
  seed: z.int().optional(),
  logit_bias: z.record(z.string(), z.number()).optional(),
  max_tokens: count,
  max_completion_tokens: count,
  reasoning_effort: z.string().optional(),
  verbosity: z.string().optional(),
  service_tier: z.string().optional(),
  parallel_tool_calls: z.boolean().optional(),
  tool_choice: z.unknown().optional(),
  response_format: z.unknown().optional(),
  user: z.string().optional(),
  store: z.boolean().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  prompt_cache_key: z.string().optional(),
};

const ollamaOptions = {
  keep_alive: z.union([z.string(), z.number()]).optional(),
  think: z.union([z.boolean(), z.string()]).optional(),
  format: z.unknown().optional(),
  temperature,
  seed: z.int().optional(),
  num_ctx: count,
  num_predict: z.int().optional(),
  top_k: count,
  top_p: probability,
  min_p: probability,
  typical_p: probability,
  repeat_penalty: z.number().optional(),
  repeat_last_n: z.int().optional(),
  presence_penalty: z.number().optional(),
  frequency_penalty: z.number().optional(),
  stop,
  mirostat: z.int().min(0).max(2).optional(),
  mirostat_tau: z.number().optional(),
  mirostat_eta: z.number().optional(),
  num_gpu: z.int().optional(),
  num_thread: z.int().optional(),
  num_batch: z.int().optional(),
  num_keep: z.int().optional(),
};

function provider(
  name: string,
  description: string,
  options: Record<string, z.ZodType>,
  keyVariable: string | null,
): ProviderPlugin {
  return { kind: "provider", name, description, source: "built-in", options: z.looseObject(options), keyVariable };
}

export const BUILTIN_PROVIDERS: ProviderPlugin[] = [
  provider("anthropic", "Anthropic Messages API (@anthropic-ai/sdk).", anthropicOptions, "ANTHROPIC_API_KEY"),
  provider(
    "openai",
    "OpenAI Chat Completions, or any OpenAI-compatible server by baseURL (openai SDK).",
    openaiOptions,
    "OPENAI_API_KEY",
  ),
  provider("ollama", "A local Ollama server (ollama SDK); OLLAMA_HOST or baseURL.", ollamaOptions, null),
  provider("sim", "The offline simulated ladder sim:low, sim:mid, sim:frontier.", {}, null),
];

/** Every option key some provider understands. */
export const KNOWN_PROVIDER_OPTIONS: ReadonlySet<string> = new Set(
  [anthropicOptions, openaiOptions, ollamaOptions].flatMap((shape) => Object.keys(shape)),
);
