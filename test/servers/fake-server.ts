import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// Shared machinery of the provider test servers: a real node:http server on 127.0.0.1:0 that
// records every request, injects faults (scripted or at a seeded rate) and asks a handler
// what to answer. Each provider file only formats replies and errors in its wire format.

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Parsed JSON body (undefined when not JSON). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever each wire format sent
  body: any;
}

export type Fault =
  /** An error status with the provider's error body; `retryAfter` in seconds, `retryAfterMs` in ms. */
  | { kind: "status"; status: number; message?: string; retryAfter?: number; retryAfterMs?: number }
  /** Anthropic's 529 overloaded_error (other providers: a plain 529). */
  | { kind: "overloaded" }
  /** 200 with a body that is not valid JSON. */
  | { kind: "malformed" }
  /** 200 with an HTML error page (text/html), as a proxy or load balancer sends. */
  | { kind: "html" }
  /** 200, application/json, empty body. */
  | { kind: "empty" }
  /** The normal reply, served as text/plain. */
  | { kind: "wrong-content-type" }
  /** 200 JSON in the provider's envelope with no choice / content / message. */
  | { kind: "hollow" }
  /** 200 JSON with a required field missing or of the wrong type (see each format). */
  | { kind: "incomplete" }
  /** 200 JSON that is not an object (`[]`). */
  | { kind: "not-object" }
  /** 200 carrying the provider's error body. */
  | { kind: "error-envelope" }
  /** The socket is destroyed without a response. */
  | { kind: "reset" }
  /** The normal reply, sent after `delayMs`. */
  | { kind: "slow"; delayMs: number };

export interface ReplyToolCall {
  id?: string;
  name: string;
  arguments: Record<string, unknown>;
}

/** What the model "says", provider-neutral; each server renders it in its own format. */
export type Reply =
  | {
      text?: string;
      toolCalls?: ReplyToolCall[];
      /** The provider's native stop/finish reason; defaults from the content. */
      finishReason?: string;
      usage?: { input?: number; output?: number; cacheRead?: number; cacheWrite?: number };
    }
  | { error: { status: number; message: string; headers?: Record<string, string> } };

export type ReplyHandler = (request: RecordedRequest) => Reply | Promise<Reply>;

/** What an extra route answers: a JSON body (or raw text), or a dropped connection. */
export type RouteReply =
  { status: number; body: unknown; contentType?: string; headers?: Record<string, string> } | { destroy: true };

/** Extra endpoints of a server (the batch APIs): an answer, or undefined when the route is not theirs. */
export type Routes = (request: RecordedRequest) => RouteReply | undefined | Promise<RouteReply | undefined>;

export interface FakeServerOptions {
  handler?: ReplyHandler;
  /** Endpoints besides the provider's main one (asked first; faults apply only to the main one). */
  routes?: Routes;
  /** Added before every reply (the benchmark's fixed latency). */
  latencyMs?: number;
  /** Share of requests that get a random fault from `faultKinds`. */
  faultRate?: number;
  faultKinds?: Fault[];
  seed?: number;
  /** Listen on this port (e.g. to stand a healthy server where a faulty one was). Default: any free port. */
  port?: number;
}

export interface FakeServer {
  /** Base of the server, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly requestCount: number;
  /** Faults injected so far, in order. */
  readonly faults: Fault[];
  /** Scripted faults: the next requests get these, in order. */
  enqueueFaults(...faults: Fault[]): void;
  setHandler(handler: ReplyHandler): void;
  close(): Promise<void>;
}

/** Every kind of HTTP 200 that does not parse into the provider's response shape. */
export const MALFORMED_200_FAULTS: Fault[] = [
  { kind: "malformed" },
  { kind: "html" },
  { kind: "empty" },
  { kind: "wrong-content-type" },
  { kind: "hollow" },
  { kind: "incomplete" },
  { kind: "not-object" },
  { kind: "error-envelope" },
];

export interface WireFormat {
  /** Is this the endpoint the provider serves? */
  matches(method: string, path: string): boolean;
  renderReply(reply: Exclude<Reply, { error: unknown }>, request: RecordedRequest, sequence: number): unknown;
  renderError(status: number, message: string): { body: unknown; headers?: Record<string, string> };
  overloaded(): { status: number; body: unknown };
  /** A rendered reply with its answer part removed (no choices, no content, no message). */
  hollow(rendered: Record<string, unknown>): unknown;
  /** A rendered reply with a required field broken, in a way the SDK still returns. */
  incomplete(rendered: Record<string, unknown>): unknown;
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export async function startFakeServer(format: WireFormat, options: FakeServerOptions = {}): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const scripted: Fault[] = [];
  const random = seededRandom(options.seed ?? 1);
  let handler: ReplyHandler = options.handler ?? (() => ({ text: "ok" }));
  let sequence = 0;

  const sendJson = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    response.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      ...headers,
    });
    response.end(text);
  };

  const pickFault = (): Fault | undefined => {
    const next = scripted.shift();
    if (next) return next;
    const kinds = options.faultKinds ?? [];
    if (options.faultRate && kinds.length > 0 && random() < options.faultRate)
      return kinds[Math.floor(random() * kinds.length)];
    return undefined;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = undefined;
    }
    const path = request.url ?? "/";
    const recorded: RecordedRequest = {
      method: request.method ?? "GET",
      path,
      headers: request.headers,
      rawBody,
      body,
    };
    requests.push(recorded);
    sequence += 1;
    const current = sequence;
    const routed = await options.routes?.(recorded);
    if (routed && "destroy" in routed) {
      request.socket.destroy();
      return;
    }
    if (routed) {
      const text = typeof routed.body === "string" ? routed.body : JSON.stringify(routed.body);
      response.writeHead(routed.status, {
        "content-type": routed.contentType ?? "application/json",
        "content-length": Buffer.byteLength(text),
        ...routed.headers,
      });
      return response.end(text);
    }
    if (!format.matches(recorded.method, path.split("?")[0] ?? path)) {
      const { body: errorBody } = format.renderError(404, `no route for ${recorded.method} ${path}`);
      return sendJson(response, 404, errorBody);
    }
    const fault = pickFault();
    if (fault) faults.push(fault);
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    if (fault?.kind === "reset") {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === "malformed") return sendJson(response, 200, '{"id": "broken", "choices": [ {"mess');
    if (fault?.kind === "html") {
      const page = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
      response.writeHead(200, { "content-type": "text/html", "content-length": Buffer.byteLength(page) });
      return response.end(page);
    }
    if (fault?.kind === "empty") {
      response.writeHead(200, { "content-type": "application/json", "content-length": 0 });
      return response.end();
    }
    if (fault?.kind === "not-object") return sendJson(response, 200, "[]");
    if (fault?.kind === "error-envelope")
      return sendJson(response, 200, format.renderError(500, "upstream failed, sent with status 200").body);
    if (fault?.kind === "overloaded") {
      const overloaded = format.overloaded();
      return sendJson(response, overloaded.status, overloaded.body);
    }
    if (fault?.kind === "status") {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
      if (fault.retryAfterMs !== undefined) headers["retry-after-ms"] = String(fault.retryAfterMs);
      const rendered = format.renderError(fault.status, fault.message ?? `injected ${fault.status}`);
      return sendJson(response, fault.status, rendered.body, { ...rendered.headers, ...headers });
    }
    if (fault?.kind === "slow") await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (response.destroyed) return;
    const reply = await handler(recorded);
    if ("error" in reply) {
      const rendered = format.renderError(reply.error.status, reply.error.message);
      return sendJson(response, reply.error.status, rendered.body, { ...rendered.headers, ...reply.error.headers });
    }
    const rendered = format.renderReply(reply, recorded, current) as Record<string, unknown>;
    if (fault?.kind === "hollow") return sendJson(response, 200, format.hollow(rendered));
    if (fault?.kind === "incomplete") return sendJson(response, 200, format.incomplete(rendered));
    if (fault?.kind === "wrong-content-type")
      return sendJson(response, 200, rendered, { "content-type": "text/plain" });
    sendJson(response, 200, rendered);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: String(error) });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get requestCount() {
      return requests.length;
    },
    faults,
    enqueueFaults: (...more) => void scripted.push(...more),
    setHandler: (next) => void (handler = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (bound, then released): connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
