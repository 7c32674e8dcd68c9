import { UsageError } from "../../errors.js";
import type { GenerateOptions, ModelClient, ModelRequest, ModelResponse, ModelSpec, Tier } from "../../types.js";
import { createRandom, hashString } from "../../random/seeded-random.js";
import { estimateTokens, SIM_PROFILES } from "./sim-profiles.js";
import { requestText } from "./sim-skill.js";
import { SIM_SKILLS } from "./sim-skills.js";

// The offline ladder: sim:low, sim:mid, sim:frontier. Reads only the request (messages and
// tool specs); its randomness is a function of the run seed, the epoch and the request, so a
// run is reproducible and a resumed run gives the same answers.

/** The warning a sample carries when the simulated models could not read its task. */
export const SIM_UNRECOGNISED =
  "the simulated models (sim:*) cannot read these tasks: they answer only the built-in suites (arith, multihop, haystack, code), so every answer here is \"I don't know.\"; use a real model (e.g. --models low=ollama:qwen2.5:7b) or test the harness's logic with createScriptedModel";

export function createSimModel(spec: ModelSpec, options: { seed: number }): ModelClient {
  const level = spec.id.slice("sim:".length) as Tier;
  const profile = SIM_PROFILES[level];
  if (!profile)
    throw new UsageError(`models: unknown simulated model "${spec.id}"; use sim:low, sim:mid or sim:frontier`);
  return {
    id: spec.id,
    provider: "sim",
    modelId: level,
    simulated: true,
    async generate(request: ModelRequest, generateOptions: GenerateOptions = {}): Promise<ModelResponse> {
      generateOptions.signal?.throwIfAborted();
      const started = performance.now();
      const text = requestText(request) + (request.tools ? JSON.stringify(request.tools) : "");
      const contextTokens = estimateTokens(text);
      // The ordinal (an identical request repeated in one sample) is a fresh draw; ordinal 0
      // keeps the stream of earlier versions, so single calls answer as they always did.
      const { epoch = 0, ordinal = 0 } = generateOptions;
      const stream = `${spec.id}:${options.seed}:${epoch}${ordinal > 0 ? `:${ordinal}` : ""}`;
      const random = createRandom(hashString(text, hashString(stream)));
      let reply = null;
      for (const skill of SIM_SKILLS) {
        reply = skill({ request, profile, random, contextTokens });
        if (reply) break;
      }
      const recognised = reply !== null;
      reply ??= { text: "I don't know." };
      const toolCalls = reply.toolCalls ?? [];
      return {
        text: reply.text,
        toolCalls,
        finishReason: toolCalls.length > 0 ? "tool_calls" : "stop",
        usage: {
          inputTokens: contextTokens,
          outputTokens: estimateTokens(reply.text) + 8 * toolCalls.length,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
        },
        latencyMs: performance.now() - started,
        cached: false,
        warnings: recognised ? [] : [SIM_UNRECOGNISED],
      };
    },
  };
}
