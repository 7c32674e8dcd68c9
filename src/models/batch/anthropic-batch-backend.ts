import type Anthropic from "@anthropic-ai/sdk";
import { anthropicClientOptions, type AnthropicClientConfig } from "../anthropic-adapter.js";
import { anthropicRequestBody } from "../anthropic-request.js";
import { MalformedResponseError } from "../malformed-response-error.js";
import { isShape, snippet } from "../response-shape.js";
import type { BatchBackend, BatchOutcome, BatchStatus } from "./batch-backend.js";
import { anthropicBatchOutcome } from "./anthropic-batch-line.js";

// Anthropic Message Batches through the official SDK: POST /v1/messages/batches with
// { requests: [{ custom_id, params }] }, GET /v1/messages/batches/{id} to poll
// (processing_status in_progress → canceling → ended), and the results JSONL from the batch's
// results_url. Message Batches carry no metadata, so a batch whose id was lost in a crash is
// recognised by its creation time and request count (see docs/cost.md, crash windows).

const FIND_LIMIT = 1000;
/** How far a batch's created_at may sit before the journal's submission time (clock skew). */
const SKEW_MS = 120_000;

function statusOf(batch: Anthropic.Messages.Batches.MessageBatch): BatchStatus {
  if (typeof batch.processing_status !== "string")
    throw new MalformedResponseError(`message batch ${batch.id}: processing_status is missing`);
  const counts = batch.request_counts;
  if (!isShape(counts)) throw new MalformedResponseError(`message batch ${batch.id}: request_counts is missing`);
  const failed = counts.errored + counts.canceled + counts.expired;
  const expiresAt = Date.parse(batch.expires_at);
  return {
    batchId: batch.id,
    status: batch.processing_status,
    ended: batch.processing_status === "ended",
    counts: { total: counts.processing + counts.succeeded + failed, succeeded: counts.succeeded, failed },
    ...(Number.isFinite(expiresAt) ? { expiresAt } : {}),
  };
}

export function createAnthropicBatchBackend(config: AnthropicClientConfig): BatchBackend {
  let client: Promise<Anthropic> | null = null;
  const sdk = () =>
    (client ??= import("@anthropic-ai/sdk").then(
      async ({ default: Sdk }) => new Sdk(await anthropicClientOptions(config)),
    ));
  const settings = { modelId: config.modelId, options: config.options };
  return {
    provider: "anthropic",
    modelId: config.modelId,
    baseURL: config.endpoint.url,
    maxRequests: 100_000,
    maxBytes: 240_000_000, // the limit is 256 MB per batch request
    toWire: (request) => anthropicRequestBody(request, settings),

    async create(lines, context) {
      const batch = await (
        await sdk()
      ).messages.batches.create(
        {
          requests: lines.map((line) => ({
            custom_id: line.customId,
            params: line.body as unknown as Anthropic.Messages.MessageCreateParamsNonStreaming,
          })),
        },
        { signal: context.signal },
      );
      if (!isShape(batch) || typeof batch.id !== "string" || batch.id === "")
        throw new MalformedResponseError(`message batch create: id is missing: ${snippet(batch)}`);
      return batch.id;
    },

    async retrieve(id, signal) {
      const batch = await (await sdk()).messages.batches.retrieve(id, {}, { signal });
      if (!isShape(batch)) throw new MalformedResponseError(`message batch ${id}: ${snippet(batch)}`);
      return statusOf(batch);
    },

    async *results(status, signal): AsyncGenerator<BatchOutcome> {
      const decoder = await (await sdk()).messages.batches.results(status.batchId, {}, { signal });
      for await (const line of decoder) {
        const outcome = anthropicBatchOutcome(line);
        if (outcome) yield outcome;
      }
    },

    async find(context) {
      let seen = 0;
      const candidates: { id: string; createdAt: number }[] = [];
      // Newest first; a lost batch was created after the journal's submission entry.
      for await (const batch of (await sdk()).messages.batches.list({ limit: 100 }, { signal: context.signal })) {
        const createdAt = Date.parse(batch.created_at);
        if (++seen > FIND_LIMIT || createdAt < context.submittedAt - SKEW_MS) break;
        const counts = batch.request_counts;
        const total = counts.processing + counts.succeeded + counts.errored + counts.canceled + counts.expired;
        if (total === context.requestCount && !context.claimed.has(batch.id))
          candidates.push({ id: batch.id, createdAt });
      }
      // The one created closest after the submission; its results are checked against the
      // journal's custom ids, and a request it does not answer is submitted again.
      candidates.sort(
        (a, b) => Math.abs(a.createdAt - context.submittedAt) - Math.abs(b.createdAt - context.submittedAt),
      );
      return candidates[0]?.id ?? null;
    },
  };
}
