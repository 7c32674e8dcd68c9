import type { Limits, SampleError, StopReason } from "../../types.js";
import type { InspectSample } from "./inspect-log-types.js";

// How a sample ended, between Inspect's `limit` / `error` / stop_reason and capbench's stop
// reasons. docs/interop.md has the table.

const FROM_LIMIT: Record<string, StopReason> = {
  message: "max_turns",
  turn: "max_turns",
  token: "token_budget",
  cost: "cost_budget",
  time: "timeout",
  working: "timeout",
  context: "context_overflow",
};

// An error from the model API (after Inspect's retries) rather than from the solver's own code.
const PROVIDER_ERROR =
  /\b(RateLimit|APIError|APIConnection|APITimeout|APIStatus|InternalServerError|ServiceUnavailable|Overloaded|BadRequestError|AuthenticationError|PermissionDenied|ModelAPI)/;

export interface ImportedEnding {
  stopReason: StopReason;
  error?: SampleError;
  warning?: string;
}

export function fromInspectEnding(sample: InspectSample): ImportedEnding {
  if (sample.error) {
    const message = String(sample.error.message ?? "error");
    const provider = PROVIDER_ERROR.test(`${message}\n${sample.error.traceback ?? ""}`);
    return {
      stopReason: provider ? "provider_error" : "harness_error",
      error: { kind: provider ? "provider" : "harness", message },
    };
  }
  if (sample.limit) {
    const reason = FROM_LIMIT[sample.limit.type];
    if (reason) return { stopReason: reason };
    return { stopReason: "answered", warning: `stopped by an Inspect ${sample.limit.type} limit` };
  }
  if (sample.output?.choices?.[0]?.stop_reason === "model_length") return { stopReason: "context_overflow" };
  return { stopReason: "answered" };
}

/** The Inspect `limit` of a capbench stop reason, when Inspect has one and its value is known. */
export function toInspectLimit(
  stopReason: StopReason,
  limits: Partial<Limits> | null,
): { type: "turn" | "token" | "cost" | "time"; limit: number } | null {
  switch (stopReason) {
    case "max_turns":
      return typeof limits?.maxTurns === "number" ? { type: "turn", limit: limits.maxTurns } : null;
    case "token_budget":
      return typeof limits?.maxTokens === "number" ? { type: "token", limit: limits.maxTokens } : null;
    case "cost_budget":
      return typeof limits?.maxCostUsd === "number" ? { type: "cost", limit: limits.maxCostUsd } : null;
    case "timeout":
      return typeof limits?.timeoutMs === "number" ? { type: "time", limit: limits.timeoutMs / 1000 } : null;
    default:
      return null;
  }
}
