import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { HarnessContext, ToolBox } from "../types.js";
import { CallerGoneError, GatewaySession } from "./gateway-session.js";
import { handleMcpRequest } from "./mcp-tool-endpoint.js";
import {
  anthropicCountTokensRoute,
  anthropicMessagesRoute,
  chatCompletionsRoute,
  type ModelRoute,
  modelsReply,
  responsesRoute,
  type WireReply,
} from "./model-routes.js";
import { type ErrorDialect, failureToWireError, type WireError, wireError, WireRequestError } from "./wire-error.js";

// The recording model gateway: one HTTP server on 127.0.0.1 (random port) that speaks OpenAI
// Chat Completions, the OpenAI Responses API and Anthropic Messages, plus the MCP tool
// endpoint. A per-sample token (Bearer or x-api-key) selects the sample; the call goes to the
// sample's wrapped model client, so retry, cache, rate limits, cost, tracing and limits are the
// runner's own code. Tokens are never logged; unknown tokens get 401 in the caller's format.

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface GatewaySessionHandle {
  readonly token: string;
  readonly session: GatewaySession;
  /** For OPENAI_BASE_URL: `http://127.0.0.1:PORT/v1`. */
  readonly openaiBaseURL: string;
  /** For ANTHROPIC_BASE_URL: `http://127.0.0.1:PORT` (the SDKs append /v1/messages). */
  readonly anthropicBaseURL: string;
  /** For CAPBENCH_MCP_URL: `http://127.0.0.1:PORT/mcp/<token>`. */
  readonly mcpURL: string;
  close(): void;
}

export interface Gateway {
  readonly url: string;
  openSession(context: HarnessContext, tools?: ToolBox): GatewaySessionHandle;
  readonly sessionCount: number;
  close(): Promise<void>;
}

export interface GatewayOptions {
  /** MCP answers as single JSON bodies instead of SSE streams (both are valid streamable HTTP). */
  mcpJsonResponse?: boolean;
}

const ROUTES: Array<[RegExp, ModelRoute]> = [
  [/^(?:\/v1)?\/chat\/completions$/, chatCompletionsRoute],
  [/^(?:\/v1)?\/responses$/, responsesRoute],
  [/^(?:\/v1)?\/messages\/count_tokens$/, anthropicCountTokensRoute],
  [/^(?:\/v1)?\/messages$/, anthropicMessagesRoute],
];

/** Which error format a caller understands: Anthropic's for its paths or headers, else OpenAI's. */
function dialectOf(request: IncomingMessage, path: string): ErrorDialect {
  if (/\/messages(?:\/|$)/.test(path) || request.headers["anthropic-version"] !== undefined) return "anthropic";
  return "openai";
}

function tokenOf(request: IncomingMessage, path: string): string | null {
  const fromPath = /^\/mcp\/([^/]+)\/?$/.exec(path)?.[1];
  if (fromPath) return decodeURIComponent(fromPath);
  const apiKey = request.headers["x-api-key"] ?? request.headers["api-key"];
  if (typeof apiKey === "string" && apiKey) return apiKey;
  const authorization = request.headers.authorization;
  const bearer = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
  return bearer ?? null;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new WireRequestError(`request body larger than ${MAX_BODY_BYTES} bytes`, 413);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new WireRequestError("request body is not valid JSON");
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

function sendError(response: ServerResponse, error: WireError): void {
  if (response.headersSent) response.end();
  else sendJson(response, error.status, error.body, error.headers);
}

function sendReply(response: ServerResponse, reply: WireReply): void {
  if (reply.kind === "json") return sendJson(response, 200, reply.body);
  let text = "";
  for (const event of reply.events)
    text += `${event.event ? `event: ${event.event}\n` : ""}data: ${JSON.stringify(event.data)}\n\n`;
  if (reply.done) text += "data: [DONE]\n\n";
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const sessions = new Map<string, GatewaySession>();
  let url = "";
  let hosts: string[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? "/").split("?")[0]!.replace(/\/+$/, "") || "/";
    const dialect = dialectOf(request, path);
    const token = tokenOf(request, path);
    const session = token ? sessions.get(token) : undefined;
    if (!session) {
      const message = token
        ? "capbench gateway: unknown or expired sample token"
        : "capbench gateway: missing API key (the sample token)";
      return sendError(response, wireError(dialect, 401, message));
    }
    if (path === "/mcp" || path.startsWith("/mcp/")) {
      if (request.method !== "POST") {
        response.writeHead(405, { allow: "POST", "content-type": "application/json" });
        response.end(
          JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed." }, id: null }),
        );
        return;
      }
      const body = await readBody(request);
      return handleMcpRequest(request, response, session, {
        hosts,
        body,
        jsonResponse: options.mcpJsonResponse ?? false,
      });
    }
    const models = /^(?:\/v1)?\/models(?:\/(.+))?$/.exec(path);
    if (models && request.method === "GET") {
      return sendReply(response, modelsReply(session, dialect, models[1] ? decodeURIComponent(models[1]) : null));
    }
    const route = ROUTES.find(([pattern]) => pattern.test(path))?.[1];
    if (!route)
      return sendError(response, wireError(dialect, 404, `capbench gateway: no route ${request.method} ${path}`));
    if (request.method !== "POST")
      return sendError(response, wireError(route.dialect, 405, `capbench gateway: ${path} takes POST`));
    // The model call is cancelled if the caller hangs up before the answer.
    const controller = new AbortController();
    response.on("close", () => {
      if (!response.writableFinished) controller.abort(new CallerGoneError("the caller closed the connection"));
    });
    try {
      const body = await readBody(request);
      const reply = await route.handle(body, session, controller.signal);
      if (!response.destroyed) sendReply(response, reply);
    } catch (error) {
      if (!response.destroyed) sendError(response, failureToWireError(route.dialect, error));
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const path = (request.url ?? "/").split("?")[0] ?? "/";
      if (!response.destroyed) sendError(response, failureToWireError(dialectOf(request, path), error));
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  // A gateway never keeps the process alive on its own; the runs using it do.
  server.unref();
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;
  hosts = [`127.0.0.1:${port}`, `localhost:${port}`];

  return {
    url,
    get sessionCount() {
      return sessions.size;
    },
    openSession(context, tools = context.tools) {
      const session = new GatewaySession(context, tools);
      sessions.set(session.token, session);
      return {
        token: session.token,
        session,
        openaiBaseURL: `${url}/v1`,
        anthropicBaseURL: url,
        mcpURL: `${url}/mcp/${session.token}`,
        close: () => void sessions.delete(session.token),
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        sessions.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
