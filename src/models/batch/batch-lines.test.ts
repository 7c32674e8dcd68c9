import { describe, expect, it } from "vitest";
import { anthropicBatchOutcome } from "./anthropic-batch-line.js";
import { openAIBatchOutcome } from "./openai-batch-line.js";

// One result line of each batch API → a parsed reply or a failure classified like the direct
// reply it stands for (retryable or not); a malformed reply is a fault, never an answer.

const completion = {
  object: "chat.completion",
  choices: [{ index: 0, message: { role: "assistant", content: "Answer: 4" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 12, completion_tokens: 3, prompt_tokens_details: { cached_tokens: 0 } },
};
const message = {
  type: "message",
  role: "assistant",
  content: [{ type: "text", text: "Answer: 4" }],
  stop_reason: "end_turn",
  usage: { input_tokens: 10, output_tokens: 3, cache_read_input_tokens: 90, cache_creation_input_tokens: 0 },
};

describe("OpenAI Batch output and error lines", () => {
  const line = (response: unknown, error: unknown = null) => ({ id: "batch_req_1", custom_id: "k1", response, error });

  it("parses a 200 into a reply", () => {
    const outcome = openAIBatchOutcome(line({ status_code: 200, request_id: "r", body: completion }));
    expect(outcome).toMatchObject({ customId: "k1", response: { text: "Answer: 4", usage: { inputTokens: 12 } } });
  });

  it("classifies error statuses, expiry and malformed bodies", () => {
    const failure = (value: unknown) =>
      (value as { failure: { retryable: boolean; status?: number; kind: string } }).failure;
    const error = (status: number) => ({ status_code: status, body: { error: { message: "m", type: "t" } } });
    expect(failure(openAIBatchOutcome(line(error(500))))).toMatchObject({ retryable: true, status: 500 });
    expect(failure(openAIBatchOutcome(line(error(429))))).toMatchObject({ retryable: true, status: 429 });
    expect(failure(openAIBatchOutcome(line(error(400))))).toMatchObject({ retryable: false, status: 400 });
    expect(failure(openAIBatchOutcome(line(null, { code: "batch_expired", message: "late" })))).toMatchObject({
      retryable: true,
    });
    expect(failure(openAIBatchOutcome(line({ status_code: 200, body: { ...completion, choices: [] } })))).toMatchObject(
      { kind: "malformed", retryable: true },
    );
    expect(openAIBatchOutcome({ response: { status_code: 200, body: completion } })).toBeNull();
  });
});

describe("Anthropic Message Batch result lines", () => {
  const line = (result: unknown) => ({ custom_id: "k1", result });

  it("parses a succeeded result, counting cache reads as input", () => {
    expect(anthropicBatchOutcome(line({ type: "succeeded", message }))).toMatchObject({
      customId: "k1",
      response: { text: "Answer: 4", usage: { inputTokens: 100, cacheReadTokens: 90 } },
    });
  });

  it("classifies errored, expired, canceled and malformed results", () => {
    const failure = (value: unknown) =>
      (value as { failure: { retryable: boolean; status?: number; kind: string } }).failure;
    const errored = (type: string) =>
      line({ type: "errored", error: { type: "error", error: { type, message: "m" } } });
    expect(failure(anthropicBatchOutcome(errored("invalid_request_error")))).toMatchObject({
      status: 400,
      retryable: false,
    });
    expect(failure(anthropicBatchOutcome(errored("overloaded_error")))).toMatchObject({ status: 529, retryable: true });
    expect(failure(anthropicBatchOutcome(errored("api_error")))).toMatchObject({ status: 500, retryable: true });
    expect(failure(anthropicBatchOutcome(line({ type: "expired" })))).toMatchObject({ retryable: true });
    expect(failure(anthropicBatchOutcome(line({ type: "canceled" })))).toMatchObject({ retryable: true });
    expect(
      failure(anthropicBatchOutcome(line({ type: "succeeded", message: { ...message, content: [{ type: "text" }] } }))),
    ).toMatchObject({
      kind: "malformed",
    });
    expect(anthropicBatchOutcome({ result: { type: "succeeded", message } })).toBeNull();
  });
});
