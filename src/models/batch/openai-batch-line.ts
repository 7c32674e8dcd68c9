import { classifyFailure } from "../classify-failure.js";
import { openAIResponseFromBody } from "../openai-response.js";
import { isShape } from "../response-shape.js";
import type { BatchOutcome } from "./batch-backend.js";

// One line of an OpenAI Batch output or error file →  a parsed reply or a failure. Lines look like
//   {"id":"batch_req_…","custom_id":"…","response":{"status_code":200,"request_id":"…","body":{…}},"error":null}
//   {"id":"batch_req_…","custom_id":"…","response":{"status_code":429,"body":{"error":{…}}},"error":null}
//   {"id":"batch_req_…","custom_id":"…","response":null,"error":{"code":"batch_expired","message":"…"}}
// A body that does not parse into a chat completion is a malformed reply (retryable), as on the
// direct path; a line without a custom id cannot be matched to a request and is null.

/** Request-level error codes that mean "not run": worth another try. */
const RETRYABLE_CODES = new Set(["batch_expired", "batch_cancelled", "request_timeout", "server_error"]);

export function openAIBatchOutcome(line: unknown): BatchOutcome | null {
  if (!isShape(line) || typeof line.custom_id !== "string") return null;
  const customId = line.custom_id;
  const response = isShape(line.response) ? line.response : undefined;
  if (response && response.status_code === 200) {
    try {
      return { customId, response: openAIResponseFromBody(response.body) };
    } catch (error) {
      return { customId, failure: classifyFailure(error) };
    }
  }
  if (response && typeof response.status_code === "number")
    return { customId, failure: classifyFailure({ status: response.status_code, error: response.body }) };
  const error = isShape(line.error) ? line.error : {};
  const code = typeof error.code === "string" ? error.code : "no_response";
  const message = typeof error.message === "string" ? error.message : "the batch returned no response";
  return {
    customId,
    failure: { kind: "status", retryable: RETRYABLE_CODES.has(code), message: `batch: ${code}: ${message}` },
  };
}
