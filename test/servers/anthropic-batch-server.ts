import { PromptCacheModel } from "./anthropic-prompt-cache.js";
import { type AnthropicServerOptions, createAnthropicFormat } from "./anthropic-server.js";
import { type BatchBehaviour, BatchSimulator, newestFirst, type SimulatedBatch } from "./batch-simulator.js";
import type { FakeServer, RecordedRequest, ReplyHandler, RouteReply } from "./fake-server.js";
import { startFakeServer } from "./fake-server.js";

// A stand-in of Anthropic Message Batches, as @anthropic-ai/sdk (1.x) calls them, beside the
// direct POST /v1/messages:
//   POST /v1/messages/batches                 { requests: [{ custom_id, params }] } (custom ids unique, [A-Za-z0-9_-]{1,64})
//   GET  /v1/messages/batches/{id}            processing_status in_progress → ended; request_counts
//                                             { processing, succeeded, errored, canceled, expired }; results_url once ended
//   GET  /v1/messages/batches?limit&after_id  newest first, { data, has_more, first_id, last_id }
//   GET  /v1/messages/batches/{id}/results    JSONL { custom_id, result: { type: succeeded | errored | canceled | expired, … } }
// With a prompt cache, batched requests are accounted like direct ones (caching applies to batches).

export interface AnthropicBatchServer extends FakeServer {
  readonly batches: SimulatedBatch[];
  /** Direct Messages API calls (not through a batch). */
  readonly directCalls: number;
  readonly createCalls: number;
  behaviour: BatchBehaviour;
}

const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  429: "rate_limit_error",
  529: "overloaded_error",
};

export async function startAnthropicBatchServer(
  options: AnthropicServerOptions & { behaviour?: Partial<BatchBehaviour> } = {},
): Promise<AnthropicBatchServer> {
  const { promptCache, behaviour, ...rest } = options;
  const cache =
    promptCache === undefined || promptCache instanceof PromptCacheModel
      ? promptCache
      : new PromptCacheModel(promptCache);
  const format = createAnthropicFormat(cache);
  let handler: ReplyHandler = options.handler ?? (() => ({ text: "ok" }));
  const simulator = new BatchSimulator(format, () => handler, "msgbatch_");
  simulator.behaviour = { ...simulator.behaviour, ...behaviour };
  let directCalls = 0;
  let createCalls = 0;

  const error = (status: number, message: string): RouteReply => ({
    status,
    body: format.renderError(status, message).body,
  });
  const counts = (batch: SimulatedBatch) => {
    const tally = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    if (!batch.ended) tally.processing = batch.requests.length;
    for (const result of batch.results ?? []) {
      const outcome = result.outcome;
      if (typeof outcome === "object" && "rendered" in outcome) tally.succeeded++;
      else if (typeof outcome === "object") tally.errored++;
      else if (outcome === "expired") tally.expired++;
      else tally.canceled++;
    }
    return tally;
  };
  const batchObject = (batch: SimulatedBatch, host: string) => ({
    id: batch.id,
    type: "message_batch",
    processing_status: batch.ended ? "ended" : "in_progress",
    request_counts: counts(batch),
    ended_at: batch.ended ? new Date().toISOString() : null,
    created_at: new Date(batch.createdAt).toISOString(),
    expires_at: new Date(batch.createdAt + 86_400_000).toISOString(),
    archived_at: null,
    cancel_initiated_at: null,
    results_url: batch.ended ? `http://${host}/v1/messages/batches/${batch.id}/results` : null,
  });
  const resultLine = (result: NonNullable<SimulatedBatch["results"]>[number]) => {
    const outcome = result.outcome;
    if (typeof outcome === "object" && "rendered" in outcome)
      return { custom_id: result.customId, result: { type: "succeeded", message: outcome.rendered } };
    if (typeof outcome === "object") {
      const type = ERROR_TYPES[outcome.status] ?? (outcome.status >= 500 ? "api_error" : "invalid_request_error");
      return {
        custom_id: result.customId,
        result: { type: "errored", error: { type: "error", error: { type, message: outcome.message } } },
      };
    }
    return { custom_id: result.customId, result: { type: outcome } };
  };

  const routes = async (request: RecordedRequest): Promise<RouteReply | undefined> => {
    const url = new URL(request.path, "http://stand-in");
    const { pathname } = url;
    const host = String(request.headers.host);
    if (request.method === "POST" && pathname === "/v1/messages") {
      directCalls++;
      return undefined; // the fake server's own endpoint answers
    }
    if (request.method === "POST" && pathname === "/v1/messages/batches") {
      createCalls++;
      const requests = (request.body as { requests?: unknown } | undefined)?.requests;
      if (!Array.isArray(requests) || requests.length === 0)
        return error(400, "requests: at least one request is required");
      const seen = new Set<string>();
      for (const [index, item] of requests.entries()) {
        const { custom_id: customId, params } = (item ?? {}) as { custom_id?: unknown; params?: unknown };
        if (typeof customId !== "string" || !CUSTOM_ID.test(customId))
          return error(400, `requests.${index}.custom_id: must match ^[a-zA-Z0-9_-]{1,64}$`);
        if (seen.has(customId)) return error(400, `requests.${index}.custom_id: duplicate custom_id ${customId}`);
        seen.add(customId);
        if (!params || typeof params !== "object") return error(400, `requests.${index}.params: required`);
      }
      const batch = simulator.create(
        (requests as { custom_id: string; params: Record<string, unknown> }[]).map((item) => ({
          customId: item.custom_id,
          body: item.params,
        })),
      );
      if (simulator.dropCreateReply()) return { destroy: true };
      return { status: 200, body: batchObject(batch, host) };
    }
    if (request.method === "GET" && pathname === "/v1/messages/batches") {
      const limit = Number(url.searchParams.get("limit") ?? 20);
      const page = newestFirst(simulator.batches, limit, url.searchParams.get("after_id"));
      const data = page.data.map((batch) => batchObject(batch, host));
      return {
        status: 200,
        body: { data, has_more: page.hasMore, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null },
      };
    }
    const resultsMatch = /^\/v1\/messages\/batches\/([^/]+)\/results$/.exec(pathname);
    if (request.method === "GET" && resultsMatch) {
      const batch = simulator.get(resultsMatch[1]!);
      if (!batch) return error(404, `no message batch ${resultsMatch[1]}`);
      if (!batch.ended) return error(400, `message batch ${batch.id} is still in progress`);
      const lines = (batch.results ?? []).map((result) => JSON.stringify(resultLine(result)));
      return { status: 200, body: `${lines.join("\n")}\n`, contentType: "application/binary" };
    }
    const batchMatch = /^\/v1\/messages\/batches\/([^/]+)$/.exec(pathname);
    if (request.method === "GET" && batchMatch) {
      const batch = simulator.get(batchMatch[1]!);
      if (!batch) return error(404, `no message batch ${batchMatch[1]}`);
      await simulator.poll(batch);
      return { status: 200, body: batchObject(batch, host) };
    }
    return undefined;
  };

  const server = await startFakeServer(format, { ...rest, handler: (request) => handler(request), routes });
  return {
    url: server.url,
    requests: server.requests,
    get requestCount() {
      return server.requestCount;
    },
    faults: server.faults,
    enqueueFaults: server.enqueueFaults,
    close: server.close,
    setHandler: (next: ReplyHandler) => void (handler = next),
    batches: simulator.batches,
    get directCalls() {
      return directCalls;
    },
    get createCalls() {
      return createCalls;
    },
    get behaviour() {
      return simulator.behaviour;
    },
    set behaviour(value: BatchBehaviour) {
      simulator.behaviour = value;
    },
  };
}
