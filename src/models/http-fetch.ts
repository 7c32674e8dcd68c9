import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import zlib from "node:zlib";

/**
 * A `fetch` for the provider SDKs (their documented `fetch` option) over node:http with a
 * keep-alive agent. Node's built-in fetch (undici behind WHATWG streams, transferable abort
 * signals and Request objects) costs about 1 ms of CPU per call; at 500 calls a second that is
 * the whole run's bottleneck. This one sends the SDK's request as it is and answers with a
 * standard `Response`: buffered for JSON, a web stream for server-sent events. Anything it does
 * not handle (a Request object, a streamed or multipart body) goes to the built-in fetch.
 */
export function createHttpFetch(): typeof fetch {
  const agents = {
    "http:": new http.Agent({ keepAlive: true, scheduling: "lifo" }),
    "https:": new https.Agent({ keepAlive: true, scheduling: "lifo" }),
  };
  return (input, init) => {
    const body = init?.body;
    const simpleBody = body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array;
    if (!simpleBody || input instanceof Request) return fetch(input, init);
    const url = input instanceof URL ? input : new URL(input);
    const agent = agents[url.protocol as keyof typeof agents];
    if (!agent) return fetch(input, init);
    return send(url, agent, init ?? {}, body);
  };
}

function abortError(): DOMException {
  return new DOMException("This operation was aborted", "AbortError");
}

/** Request headers as node:http takes them, from any of the forms fetch accepts. */
function headerRecord(headers: RequestInit["headers"]): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  if (headers instanceof Headers) headers.forEach((value, name) => (record[name] = value));
  else if (Array.isArray(headers))
    for (const [name, value] of headers) record[String(name).toLowerCase()] = String(value);
  else for (const [name, value] of Object.entries(headers)) record[name.toLowerCase()] = String(value);
  return record;
}

function responseHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let index = 0; index + 1 < raw.length; index += 2) headers.append(raw[index]!, raw[index + 1]!);
  return headers;
}

/** The body as fetch would give it: decompressed when the server compressed it. */
function decoded(response: http.IncomingMessage): Readable {
  const encoding = String(response.headers["content-encoding"] ?? "").toLowerCase();
  if (encoding === "gzip" || encoding === "x-gzip") return response.pipe(zlib.createGunzip());
  if (encoding === "deflate") return response.pipe(zlib.createInflate());
  if (encoding === "br") return response.pipe(zlib.createBrotliDecompress());
  return response;
}

function send(
  url: URL,
  agent: http.Agent,
  init: RequestInit,
  body: string | Uint8Array | null | undefined,
): Promise<Response> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(abortError());
  return new Promise<Response>((resolve, reject) => {
    const headers = headerRecord(init.headers);
    headers["accept-encoding"] ??= "gzip, deflate, br";
    if (body !== undefined && body !== null) headers["content-length"] = String(Buffer.byteLength(body));
    const request = (url.protocol === "https:" ? https : http).request(url, {
      method: init.method ?? "GET",
      headers,
      agent,
    });
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      reject(error);
    };
    const onAbort = () => {
      request.destroy(abortError());
      fail(abortError());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    // Like undici: a failure before any response is a TypeError("fetch failed") with the cause.
    request.on("error", (error) =>
      fail(signal?.aborted ? abortError() : new TypeError("fetch failed", { cause: error })),
    );
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const meta = { status, statusText: response.statusMessage ?? "", headers: responseHeaders(response.rawHeaders) };
      const stream = decoded(response);
      if (status === 204 || status === 205 || status === 304 || init.method === "HEAD") {
        response.resume();
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        resolve(new Response(null, meta));
        return;
      }
      if (String(response.headers["content-type"] ?? "").startsWith("text/event-stream")) {
        settled = true;
        // The stream stays abortable: the abort destroys the request and so the body.
        resolve(new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, meta));
        stream.once("close", () => signal?.removeEventListener("abort", onAbort));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error) =>
        fail(signal?.aborted ? abortError() : new TypeError("terminated", { cause: error })),
      );
      stream.on("end", () => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        resolve(new Response(Buffer.concat(chunks), meta));
      });
    });
    request.end(body ?? undefined);
  });
}
