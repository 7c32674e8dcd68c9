import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpFetch } from "./http-fetch.js";

// The provider SDKs' fetch over node:http, against a loopback server: what the SDKs read from a
// Response (status, headers, JSON, event streams) is what the built-in fetch gives.
let server: http.Server;
let base: string;
const seen: { method?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      seen.push({ method: request.method, headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (request.url === "/json") {
        response.writeHead(200, { "content-type": "application/json", "x-request-id": "r1" });
        response.end(JSON.stringify({ ok: true, echo: Buffer.concat(chunks).toString("utf8") }));
      } else if (request.url === "/gzip") {
        response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        response.end(zlib.gzipSync(JSON.stringify({ zipped: true })));
      } else if (request.url === "/sse") {
        response.writeHead(200, { "content-type": "text/event-stream" });
        response.write("data: one\n\n");
        setTimeout(() => response.end("data: two\n\n"), 20);
      } else if (request.url === "/empty") {
        response.writeHead(204);
        response.end();
      } else if (request.url === "/error") {
        response.writeHead(429, { "retry-after": "3", "content-type": "application/json" });
        response.end('{"error":{"message":"slow down"}}');
      } else if (request.url === "/hang") {
        response.writeHead(200, { "content-type": "application/json" });
        response.write("{"); // never ends: only an abort finishes this request
      } else {
        response.writeHead(404);
        response.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("createHttpFetch", () => {
  const fetchOverHttp = createHttpFetch();

  it("sends method, headers and body, and answers with status, headers and JSON", async () => {
    const headers = new Headers({ authorization: "Bearer t", "content-type": "application/json" });
    const response = await fetchOverHttp(`${base}/json`, { method: "POST", headers, body: '{"q":1}' });
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get("x-request-id")).toBe("r1");
    expect(await response.json()).toEqual({ ok: true, echo: '{"q":1}' });
    const request = seen.at(-1)!;
    expect(request.method).toBe("POST");
    expect(request.headers.authorization).toBe("Bearer t");
    expect(request.headers["content-length"]).toBe("7");
  });

  it("takes headers as a record or pairs, and reuses one connection", async () => {
    await fetchOverHttp(`${base}/json`, { method: "POST", headers: { "X-One": "1" }, body: "a" });
    const first = seen.at(-1)!;
    await fetchOverHttp(`${base}/json`, { method: "POST", headers: [["X-Two", "2"]], body: "b" });
    const second = seen.at(-1)!;
    expect(first.headers["x-one"]).toBe("1");
    expect(second.headers["x-two"]).toBe("2");
    expect(second.headers.connection).toBe("keep-alive");
  });

  it("decompresses a gzip body, as fetch does", async () => {
    const response = await fetchOverHttp(`${base}/gzip`);
    expect(await response.json()).toEqual({ zipped: true });
  });

  it("streams server-sent events as they arrive", async () => {
    const response = await fetchOverHttp(`${base}/sse`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("data: one\n\n");
    let rest = "";
    for (let step = 0; step < 10; step++) {
      const next = await reader.read();
      if (next.done) break;
      rest += new TextDecoder().decode(next.value);
    }
    expect(rest).toBe("data: two\n\n");
  });

  it("gives an error status with its headers and body, and a 204 with no body", async () => {
    const limited = await fetchOverHttp(`${base}/error`, { method: "POST", body: "{}" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect(await limited.text()).toContain("slow down");
    const empty = await fetchOverHttp(`${base}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it("rejects with an AbortError when aborted before or while waiting", async () => {
    const before = new AbortController();
    before.abort();
    await expect(fetchOverHttp(`${base}/json`, { signal: before.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
    const during = new AbortController();
    const pending = fetchOverHttp(`${base}/hang`, { signal: during.signal });
    setTimeout(() => during.abort(), 30);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("fails like fetch when nothing listens: TypeError('fetch failed') with the socket error as cause", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await fetchOverHttp(`http://127.0.0.1:${port}/json`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("fetch failed");
    expect(((error as Error).cause as { code?: string }).code).toBe("ECONNREFUSED");
  });

  it("hands bodies it does not send itself (a stream) to the built-in fetch", async () => {
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("streamed"));
        controller.close();
      },
    });
    const response = await fetchOverHttp(`${base}/json`, { method: "POST", body, duplex: "half" } as RequestInit);
    expect(await response.json()).toEqual({ ok: true, echo: "streamed" });
  });
});
