import { ProviderError } from "../errors.js";
import { billedPrice, costOf } from "../models/prices.js";
import type { GenerateOptions, Limits, ModelClient, ModelRequest, ModelResponse, Price } from "../types.js";
import { HarnessLimitError } from "./harness-limit-error.js";
import type { SampleRecorder } from "./sample-recorder.js";

/**
 * Wraps a model client for one sample: every call is traced under `agent`, counted against
 * the limits, and given the sample's signal, epoch and identical-request ordinal, so harnesses
 * need do none of it.
 */
export function recordingModel(
  inner: ModelClient,
  context: {
    agent: string;
    recorder: SampleRecorder;
    limits: Limits;
    price: Price | null;
    signal: AbortSignal;
    epoch: number;
  },
): ModelClient {
  const { recorder, limits } = context;
  return {
    id: inner.id,
    provider: inner.provider,
    modelId: inner.modelId,
    simulated: inner.simulated,
    async generate(request: ModelRequest, options: GenerateOptions = {}): Promise<ModelResponse> {
      if (context.signal.aborted) throw new HarnessLimitError("timeout", "sample wall-time limit reached");
      if (recorder.modelCalls >= limits.maxTurns)
        throw new HarnessLimitError("max_turns", `turn limit ${limits.maxTurns} reached`);
      if (recorder.totalTokens >= limits.maxTokens)
        throw new HarnessLimitError("token_budget", `token budget ${limits.maxTokens} spent`);
      if (limits.maxCostUsd !== null && recorder.costUsd !== null && recorder.costUsd >= limits.maxCostUsd) {
        throw new HarnessLimitError("cost_budget", `cost budget $${limits.maxCostUsd} spent`);
      }
      recorder.modelCalls++;
      const at = Date.now();
      const started = performance.now();
      const signal =
        options.signal && options.signal !== context.signal
          ? AbortSignal.any([options.signal, context.signal])
          : context.signal;
      // A shallow copy of the message list: a harness that appends to its history after the
      // call must not rewrite what this call was sent.
      const sent = { ...request, messages: [...request.messages] };
      const ordinal = recorder.nextOrdinal(request, context.epoch);
      try {
        const response = await inner.generate(request, { signal, epoch: context.epoch, ordinal });
        recorder.addUsage(
          response.usage,
          costOf(response.usage, billedPrice(context.price, response.billing)),
          response.cached,
          costOf(response.usage, context.price),
        );
        if (response.cached) recorder.cachedCalls++;
        for (const warning of response.warnings) recorder.warnings.add(warning);
        recorder.record({
          type: "model",
          agent: context.agent,
          at,
          request: sent,
          response,
          latencyMs: response.latencyMs,
        });
        return response;
      } catch (error) {
        const latencyMs = performance.now() - started;
        recorder.record({
          type: "model",
          agent: context.agent,
          at,
          request: sent,
          error: (error as Error).message,
          latencyMs,
        });
        if (context.signal.aborted && !(error instanceof ProviderError))
          throw new HarnessLimitError("timeout", "sample wall-time limit reached");
        throw error;
      }
    },
  };
}
