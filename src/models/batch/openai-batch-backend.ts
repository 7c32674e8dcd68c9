import type OpenAI from "openai";
import { openAIClientOptions, type OpenAIClientConfig, openAIRequestSettings } from "../openai-adapter.js";
import { openAIRequestBody } from "../openai-request.js";
import { MalformedResponseError } from "../malformed-response-error.js";
import { isShape, snippet } from "../response-shape.js";
import type { BatchBackend, BatchOutcome, BatchStatus } from "./batch-backend.js";
import { openAIBatchOutcome } from "./openai-batch-line.js";
import { readJsonlLines } from "./read-jsonl-lines.js";

// The OpenAI Batch API through the official SDK: the requests as a JSONL file uploaded with
// purpose "batch" (POST /v1/files, multipart), POST /v1/batches for /v1/chat/completions with a
// 24 h window and capbench's batch id in `metadata`, GET /v1/batches/{id} to poll, and the output
// and error files from GET /v1/files/{id}/content. Listing (GET /v1/batches) finds a batch by
// its metadata after a crash.

const ENDED = new Set(["completed", "failed", "expired", "cancelled"]);
export const OPENAI_BATCH_ENDPOINT = "/v1/chat/completions";
/** The metadata key that carries capbench's batch id. */
export const OPENAI_BATCH_METADATA_KEY = "capbench_batch";
/** Batches listed at most when looking for a lost one (newest first). */
const FIND_LIMIT = 1000;

function batchId(raw: unknown, what: string): string {
  if (isShape(raw) && typeof raw.id === "string" && raw.id !== "") return raw.id;
  throw new MalformedResponseError(`${what}: id is missing: ${snippet(raw)}`);
}

function statusOf(batch: OpenAI.Batches.Batch): BatchStatus {
  if (typeof batch.status !== "string") throw new MalformedResponseError(`batch ${batch.id}: status is missing`);
  const counts = batch.request_counts ?? { total: 0, completed: 0, failed: 0 };
  const errors = (batch.errors?.data ?? []).map(
    (error) => `${error.code ?? "error"}${error.line != null ? ` (line ${error.line})` : ""}: ${error.message ?? ""}`,
  );
  return {
    batchId: batch.id,
    status: batch.status,
    ended: ENDED.has(batch.status),
    counts: { total: counts.total, succeeded: counts.completed, failed: counts.failed },
    ...(typeof batch.expires_at === "number" ? { expiresAt: batch.expires_at * 1000 } : {}),
    ...(batch.status === "failed"
      ? {
          failure: {
            kind: "status" as const,
            retryable: false,
            message: `batch ${batch.id} failed validation: ${errors.join("; ") || "no reason given"}`,
          },
        }
      : {}),
    ...(batch.output_file_id ? { outputFileId: batch.output_file_id } : {}),
    ...(batch.error_file_id ? { errorFileId: batch.error_file_id } : {}),
  };
}

export function createOpenAIBatchBackend(config: OpenAIClientConfig): BatchBackend {
  let client: Promise<OpenAI> | null = null;
  const sdk = () =>
    (client ??= import("openai").then(async ({ default: Sdk }) => new Sdk(await openAIClientOptions(config))));
  const settings = openAIRequestSettings(config);
  return {
    provider: "openai",
    modelId: config.modelId,
    baseURL: config.endpoint.url,
    maxRequests: 50_000,
    maxBytes: 190_000_000, // the file limit is 200 MB; the lines carry a little more than the bodies
    toWire: (request) => openAIRequestBody(request, settings),

    async create(lines, context) {
      const openai = await sdk();
      let fileId = context.inputFileId;
      if (!fileId) {
        const { toFile } = await import("openai");
        const jsonl = lines
          .map((line) =>
            JSON.stringify({ custom_id: line.customId, method: "POST", url: OPENAI_BATCH_ENDPOINT, body: line.body }),
          )
          .join("\n");
        const file = await openai.files.create(
          { file: await toFile(Buffer.from(`${jsonl}\n`), `capbench-${context.localId}.jsonl`), purpose: "batch" },
          { signal: context.signal },
        );
        fileId = batchId(file, "file upload");
        context.onUploaded?.(fileId);
      }
      const batch = await openai.batches.create(
        {
          input_file_id: fileId,
          endpoint: OPENAI_BATCH_ENDPOINT,
          completion_window: "24h",
          metadata: { [OPENAI_BATCH_METADATA_KEY]: context.localId },
        },
        { signal: context.signal },
      );
      return batchId(batch, "batch create");
    },

    async retrieve(id, signal) {
      const batch = await (await sdk()).batches.retrieve(id, { signal });
      if (!isShape(batch)) throw new MalformedResponseError(`batch ${id}: ${snippet(batch)}`);
      return statusOf(batch);
    },

    async *results(status, signal): AsyncGenerator<BatchOutcome> {
      const openai = await sdk();
      for (const fileId of [status.outputFileId, status.errorFileId]) {
        if (!fileId) continue;
        const response = await openai.files.content(fileId, { signal });
        const body = response.body as AsyncIterable<Uint8Array> | null;
        for await (const line of readJsonlLines(body, () => {})) {
          const outcome = openAIBatchOutcome(line);
          if (outcome) yield outcome;
        }
      }
    },

    async find(context) {
      const openai = await sdk();
      let seen = 0;
      // Newest first: stop at batches older than the submission (with ten minutes of clock skew).
      for await (const batch of openai.batches.list({ limit: 100 }, { signal: context.signal })) {
        if (++seen > FIND_LIMIT || batch.created_at * 1000 < context.submittedAt - 600_000) break;
        if (batch.metadata?.[OPENAI_BATCH_METADATA_KEY] === context.localId && !context.claimed.has(batch.id))
          return batch.id;
      }
      return null;
    },
  };
}
