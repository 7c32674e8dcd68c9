import type { FakeServer, FakeServerOptions, RecordedRequest, ReplyHandler, RouteReply } from "./fake-server.js";
import { startFakeServer } from "./fake-server.js";
import { type BatchBehaviour, BatchSimulator, newestFirst, type SimulatedBatch } from "./batch-simulator.js";
import { openaiFormat } from "./openai-server.js";

// A stand-in of the OpenAI Batch API, as the openai SDK (6.x) calls it, beside the direct
// POST /v1/chat/completions:
//   POST /v1/files                multipart/form-data, fields `purpose` (must be "batch") and `file` (JSONL)
//   POST /v1/batches              { input_file_id, endpoint: "/v1/chat/completions", completion_window: "24h", metadata }
//   GET  /v1/batches/{id}         status validating → in_progress → finalizing → completed | expired | failed
//   GET  /v1/batches?limit&after  newest first, { object: "list", data, first_id, last_id, has_more }
//   GET  /v1/files/{id}/content   the input, output or error file
// Input lines are { custom_id, method: "POST", url: "/v1/chat/completions", body }; one model per
// file and unique custom ids, or the batch fails validation. Output lines carry
// { response: { status_code, body } }; errors and expired requests go to the error file.

interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  content: string;
  createdAt: number;
}

export interface OpenAIBatchServer extends FakeServer {
  readonly batches: SimulatedBatch[];
  readonly files: StoredFile[];
  /** Direct chat completions (not through a batch). */
  readonly directCalls: number;
  /** POST /v1/batches calls (a dropped reply included). */
  readonly createCalls: number;
  behaviour: BatchBehaviour;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

function validate(content: string): { requests: SimulatedBatch["requests"]; errors: string[] } {
  const requests: SimulatedBatch["requests"] = [];
  const errors: string[] = [];
  const models = new Set<string>();
  for (const [index, line] of content.split("\n").entries()) {
    if (line.trim() === "") continue;
    try {
      const parsed = JSON.parse(line) as { custom_id?: unknown; method?: unknown; url?: unknown; body?: unknown };
      if (typeof parsed.custom_id !== "string") errors.push(`line ${index + 1}: custom_id is missing`);
      else if (requests.some((request) => request.customId === parsed.custom_id))
        errors.push(`line ${index + 1}: duplicate custom_id ${parsed.custom_id}`);
      if (parsed.method !== "POST") errors.push(`line ${index + 1}: method must be POST`);
      if (parsed.url !== "/v1/chat/completions") errors.push(`line ${index + 1}: url must be /v1/chat/completions`);
      const body = (parsed.body ?? {}) as Record<string, unknown>;
      models.add(String(body.model));
      requests.push({ customId: String(parsed.custom_id), body });
    } catch {
      errors.push(`line ${index + 1}: not valid JSON`);
    }
  }
  if (models.size > 1) errors.push(`the file uses ${models.size} models; a batch takes one`);
  if (requests.length === 0) errors.push("the file has no requests");
  return { requests, errors };
}

export async function startOpenAIBatchServer(
  options: FakeServerOptions & { behaviour?: Partial<BatchBehaviour> } = {},
): Promise<OpenAIBatchServer> {
  let handler: ReplyHandler = options.handler ?? (() => ({ text: "ok" }));
  const simulator = new BatchSimulator(openaiFormat, () => handler, "batch_");
  simulator.behaviour = { ...simulator.behaviour, ...options.behaviour };
  const files: StoredFile[] = [];
  const failures = new Map<string, string[]>();
  let directCalls = 0;
  let createCalls = 0;

  const fileOf = (id: string) => files.find((file) => file.id === id);
  const addFile = (purpose: string, content: string, filename: string): StoredFile => {
    const file = { id: `file-${files.length + 1}`, filename, purpose, content, createdAt: Date.now() };
    files.push(file);
    return file;
  };
  const fileObject = (file: StoredFile) => ({
    id: file.id,
    object: "file",
    bytes: Buffer.byteLength(file.content),
    created_at: seconds(file.createdAt),
    filename: file.filename,
    purpose: file.purpose,
    status: "processed",
  });
  const error = (status: number, message: string): RouteReply => ({
    status,
    body: openaiFormat.renderError(status, message).body,
  });

  const outputFiles = new Map<string, { output?: string; error?: string }>();
  const batchObject = (batch: SimulatedBatch) => {
    const errors = failures.get(batch.id);
    const total = batch.requests.length;
    const results = batch.results ?? [];
    const completed = results.filter((result) => typeof result.outcome === "object" && "rendered" in result.outcome);
    const status = errors
      ? "failed"
      : batch.ended
        ? batch.expired
          ? "expired"
          : "completed"
        : batch.polls === 0
          ? "validating"
          : batch.polls >= simulator.behaviour.pollsToEnd - 1
            ? "finalizing"
            : "in_progress";
    const created = seconds(batch.createdAt);
    const files = outputFiles.get(batch.id) ?? {};
    return {
      id: batch.id,
      object: "batch",
      endpoint: "/v1/chat/completions",
      model: String(batch.requests[0]?.body.model ?? ""),
      errors: errors
        ? {
            object: "list",
            data: errors.map((message) => ({ code: "invalid_request", message, line: null, param: null })),
          }
        : null,
      input_file_id: batch.inputFileId,
      completion_window: "24h",
      status,
      output_file_id: files.output ?? null,
      error_file_id: files.error ?? null,
      created_at: created,
      in_progress_at: batch.polls > 0 ? created : null,
      expires_at: created + 86_400,
      finalizing_at: null,
      completed_at: status === "completed" ? seconds(Date.now()) : null,
      failed_at: status === "failed" ? created : null,
      expired_at: status === "expired" ? seconds(Date.now()) : null,
      cancelling_at: null,
      cancelled_at: null,
      request_counts: {
        total,
        completed: batch.ended ? completed.length : 0,
        failed: batch.ended ? total - completed.length : 0,
      },
      metadata: batch.metadata ?? null,
    };
  };

  /** Writes the output and error files of an ended batch, once. */
  const writeResults = (batch: SimulatedBatch) => {
    if (!batch.ended || outputFiles.has(batch.id)) return;
    const output: string[] = [];
    const errorLines: string[] = [];
    for (const [index, result] of (batch.results ?? []).entries()) {
      const id = `batch_req_${batch.index}_${index}`;
      const outcome = result.outcome;
      if (typeof outcome === "object" && "rendered" in outcome)
        output.push(
          JSON.stringify({
            id,
            custom_id: result.customId,
            response: { status_code: 200, request_id: `req_${id}`, body: outcome.rendered },
            error: null,
          }),
        );
      else if (typeof outcome === "object")
        errorLines.push(
          JSON.stringify({
            id,
            custom_id: result.customId,
            response: {
              status_code: outcome.status,
              request_id: `req_${id}`,
              body: openaiFormat.renderError(outcome.status, outcome.message).body,
            },
            error: null,
          }),
        );
      else {
        const code = outcome === "expired" ? "batch_expired" : "batch_cancelled";
        errorLines.push(
          JSON.stringify({
            id,
            custom_id: result.customId,
            response: null,
            error: { code, message: `This request was not run (${outcome}).` },
          }),
        );
      }
    }
    const files: { output?: string; error?: string } = {};
    if (output.length) files.output = addFile("batch_output", `${output.join("\n")}\n`, `${batch.id}_output.jsonl`).id;
    if (errorLines.length)
      files.error = addFile("batch_output", `${errorLines.join("\n")}\n`, `${batch.id}_error.jsonl`).id;
    outputFiles.set(batch.id, files);
  };

  const routes = async (request: RecordedRequest): Promise<RouteReply | undefined> => {
    const url = new URL(request.path, "http://stand-in");
    const { pathname } = url;
    if (request.method === "POST" && pathname === "/v1/chat/completions") {
      directCalls++;
      return undefined; // the fake server's own endpoint answers
    }
    if (request.method === "POST" && pathname === "/v1/files") {
      const form = await new Request("http://stand-in/", {
        method: "POST",
        headers: { "content-type": String(request.headers["content-type"]) },
        body: request.rawBody,
      }).formData();
      const purpose = form.get("purpose");
      const file = form.get("file");
      if (purpose !== "batch") return error(400, `purpose must be "batch", got ${String(purpose)}`);
      if (!file || typeof file === "string") return error(400, "file is missing");
      return { status: 200, body: fileObject(addFile("batch", await file.text(), file.name)) };
    }
    if (request.method === "POST" && pathname === "/v1/batches") {
      createCalls++;
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (body.endpoint !== "/v1/chat/completions") return error(400, "endpoint must be /v1/chat/completions");
      if (body.completion_window !== "24h") return error(400, "completion_window must be 24h");
      const input = fileOf(String(body.input_file_id));
      if (!input || input.purpose !== "batch") return error(404, `no batch file ${String(body.input_file_id)}`);
      const { requests, errors } = validate(input.content);
      const batch = simulator.create(requests, {
        inputFileId: input.id,
        ...(body.metadata ? { metadata: body.metadata as Record<string, string> } : {}),
      });
      if (errors.length) {
        failures.set(batch.id, errors);
        batch.ended = true;
      }
      if (simulator.dropCreateReply()) return { destroy: true };
      return { status: 200, body: batchObject(batch) };
    }
    if (request.method === "GET" && pathname === "/v1/batches") {
      const limit = Number(url.searchParams.get("limit") ?? 20);
      const page = newestFirst(simulator.batches, limit, url.searchParams.get("after"));
      const data = page.data.map(batchObject);
      return {
        status: 200,
        body: {
          object: "list",
          data,
          first_id: data[0]?.id ?? null,
          last_id: data.at(-1)?.id ?? null,
          has_more: page.hasMore,
        },
      };
    }
    const batchMatch = /^\/v1\/batches\/([^/]+)$/.exec(pathname);
    if (request.method === "GET" && batchMatch) {
      const batch = simulator.get(batchMatch[1]!);
      if (!batch) return error(404, `no batch ${batchMatch[1]}`);
      if (!failures.has(batch.id)) await simulator.poll(batch);
      writeResults(batch);
      return { status: 200, body: batchObject(batch) };
    }
    const contentMatch = /^\/v1\/files\/([^/]+)\/content$/.exec(pathname);
    if (request.method === "GET" && contentMatch) {
      const file = fileOf(contentMatch[1]!);
      if (!file) return error(404, `no file ${contentMatch[1]}`);
      return { status: 200, body: file.content, contentType: "application/octet-stream" };
    }
    return undefined;
  };

  const server = await startFakeServer(openaiFormat, { ...options, handler: (request) => handler(request), routes });
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
    files,
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
