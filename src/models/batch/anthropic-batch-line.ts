import { anthropicResponseFromBody } from "../anthropic-response.js";
import { classifyFailure } from "../classify-failure.js";
import { isShape } from "../response-shape.js";
import type { BatchOutcome } from "./batch-backend.js";

// One line of a Message Batch's results → a parsed reply or a failure. Lines look like
//   {"custom_id":"…","result":{"type":"succeeded","message":{…}}}
//   {"custom_id":"…","result":{"type":"errored","error":{"type":"error","error":{"type":"…","message":"…"}}}}
//   {"custom_id":"…","result":{"type":"canceled"}}   {"custom_id":"…","result":{"type":"expired"}}
// The error types map to the statuses the Messages API would have answered, so an errored
// request is retried (or not) exactly like a direct call that got that status.

const STATUS_OF_ERROR: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

export function anthropicBatchOutcome(line: unknown): BatchOutcome | null {
  if (!isShape(line) || typeof line.custom_id !== "string") return null;
  const customId = line.custom_id;
  const result = isShape(line.result) ? line.result : {};
  if (result.type === "succeeded") {
    try {
      return { customId, response: anthropicResponseFromBody(result.message) };
    } catch (error) {
      return { customId, failure: classifyFailure(error) };
    }
  }
  if (result.type === "errored") {
    const envelope = isShape(result.error) ? result.error : {};
    const inner = isShape(envelope.error) ? envelope.error : {};
    const status = STATUS_OF_ERROR[String(inner.type)] ?? 500;
    return { customId, failure: classifyFailure({ status, error: envelope }) };
  }
  const type = typeof result.type === "string" ? result.type : "unknown";
  return {
    customId,
    failure: {
      kind: "status",
      retryable: type === "canceled" || type === "expired",
      message: `batch: the request was ${type === "unknown" ? "not run (no result type)" : type}`,
    },
  };
}
