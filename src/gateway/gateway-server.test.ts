import { execFile } from "node:child_process";
import { request as httpRequest } from "node:http";
import { promisify } from "node:util";
import path from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withSampleContext } from "../../test/gateway-sample-context.js";
import { type Gateway, startGateway } from "./gateway-server.js";

// The gateway on its own: auth, routes, error formats and the MCP endpoint, with the real
// SDKs in this process against a session of a real sample (runSample, sim:frontier).

const REPO = path.resolve(import.meta.dirname, "../..");
let gateway: Gateway;
beforeAll(async () => {
  gateway = await startGateway({ mcpJsonResponse: true });
});
afterAll(() => gateway.close());

describe("gateway server", () => {
  it("binds loopback only and refuses unknown or missing tokens with 401 in the caller's format", async () => {
    expect(new URL(gateway.url).hostname).toBe("127.0.0.1");
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: "capbench-not-a-session", maxRetries: 0 });
    const openaiError = await openai.chat.completions
      .create({ model: "x", messages: [{ role: "user", content: "hi" }] })
      .catch((error: unknown) => error);
    expect(openaiError).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((openaiError as InstanceType<typeof OpenAI.APIError>).code).toBe("invalid_api_key");
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: "capbench-not-a-session", maxRetries: 0 });
    const anthropicError = await anthropic.messages
      .create({ model: "x", max_tokens: 10, messages: [{ role: "user", content: "hi" }] })
      .catch((error: unknown) => error);
    expect(anthropicError).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((anthropicError as { error: { error: { type: string } } }).error.error.type).toBe("authentication_error");
    const missing = await fetch(`${gateway.url}/v1/models`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("invalid_api_key");
  });

  it("serves a sample's session in every format, never logs its token, and forgets it when closed", async () => {
    const logged: unknown[][] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args)),
    );
    let token = "";
    try {
      const { outcome } = await withSampleContext(async (context) => {
        const handle = gateway.openSession(context);
        token = handle.token;
        const openai = new OpenAI({ baseURL: handle.openaiBaseURL, apiKey: handle.token, maxRetries: 0 });
        const anthropic = new Anthropic({ baseURL: handle.anthropicBaseURL, apiKey: handle.token, maxRetries: 0 });

        const models = await openai.models.list();
        expect(models.data.map((model) => model.id)).toEqual(["sim:frontier"]);
        const anthropicModels = await anthropic.models.list();
        expect(anthropicModels.data.map((model) => model.id)).toEqual(["sim:frontier"]);
        const counted = await anthropic.messages.countTokens({
          model: "any",
          messages: [{ role: "user", content: "How many tokens is this sentence, roughly?" }],
        });
        expect(counted.input_tokens).toBeGreaterThan(5);

        const reply = await openai.chat.completions.create({
          model: "whatever-the-child-sends",
          messages: [
            { role: "system", content: "Answer." },
            { role: "user", content: "What is 2 + 3?" },
          ],
        });
        expect(reply.model).toBe("whatever-the-child-sends");
        expect(reply.choices[0]!.message.content).toMatch(/5/);

        // Shapes the gateway refuses, each in the caller's format.
        await expect(
          openai.chat.completions.create({ model: "m", n: 2, messages: [{ role: "user", content: "hi" }] }),
        ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/n must be 1/) });
        await expect(
          openai.responses.create({ model: "m", input: "hi", previous_response_id: "resp_unknown" }),
        ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/no response "resp_unknown"/) });
        const badJson = await fetch(`${handle.openaiBaseURL}/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${handle.token}`, "content-type": "application/json" },
          body: "{not json",
        });
        expect(badJson.status).toBe(400);
        const unknownRoute = await fetch(`${handle.anthropicBaseURL}/v1/messages/batches`, {
          method: "POST",
          headers: { "x-api-key": handle.token, "anthropic-version": "2023-06-01" },
        });
        expect(unknownRoute.status).toBe(404);
        expect(((await unknownRoute.json()) as { type: string }).type).toBe("error");

        // A Responses conversation continued by previous_response_id carries the earlier turns.
        const first = await openai.responses.create({ model: "m", instructions: "Answer.", input: "What is 4 + 4?" });
        expect(first.output_text).toMatch(/8/);
        const second = await openai.responses.create({
          model: "m",
          instructions: "Answer.",
          input: "And what is 1 + 1?",
          previous_response_id: first.id,
        });
        expect(second.status).toBe("completed");

        handle.close();
        await expect(openai.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
      });
      const models = outcome.trace.filter((event) => event.type === "model");
      expect(models).toHaveLength(3); // the refused requests never reached the model
      const last = models[2] as { request: { messages: Array<{ role: string; content: string }> } };
      expect(last.request.messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
      expect(last.request.messages[0]!.content).toBe("What is 4 + 4?");
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(token).toMatch(/^capbench-/);
    expect(JSON.stringify(logged)).not.toContain(token);
  });

  it("serves the sample's tools over MCP: traced calls, JSON or SSE, DNS rebinding refused", async () => {
    const { outcome } = await withSampleContext(async (context) => {
      const handle = gateway.openSession(context);
      try {
        const client = new Client({ name: "test", version: "1.0.0" });
        await client.connect(new StreamableHTTPClientTransport(new URL(handle.mcpURL)));
        const tools = (await client.listTools()).tools;
        expect(tools.map((tool) => tool.name)).toEqual(["search", "read"]);
        expect(tools[0]!.inputSchema).toEqual({ ...context.tools.specs[0]!.parameters, type: "object" });
        const found = await client.callTool({ name: "search", arguments: { query: context.task.prompt } });
        expect(found.isError).toBe(false);
        expect(JSON.stringify(found.content)).toMatch(/doc-\d+/);
        const bad = await client.callTool({ name: "read", arguments: { wrong: 1 } });
        expect(bad.isError).toBe(true);
        await client.close();

        // The Python example's standard-library client, here against JSON responses (the
        // multihop tests drive it against SSE streams).
        // Asynchronously: the gateway answering it runs in this process.
        const python = await promisify(execFile)(
          "python3",
          [
            "-c",
            [
              "import importlib.util, json, sys",
              "spec = importlib.util.spec_from_file_location('agent', 'examples/external-python-mcp-agent.py')",
              "agent = importlib.util.module_from_spec(spec); spec.loader.exec_module(agent)",
              "client = agent.McpClient(sys.argv[1]); client.initialize()",
              "print(json.dumps([[tool['name'] for tool in client.list_tools()], client.call_tool('read', {'id': 'doc-001'})]))",
            ].join("\n"),
            handle.mcpURL,
          ],
          { cwd: REPO, encoding: "utf8", env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" }, timeout: 30_000 },
        );
        const [names, [text, isError]] = JSON.parse(python.stdout) as [string[], [string, boolean]];
        expect(names).toEqual(["search", "read"]);
        expect(isError).toBe(false);
        expect(text).toContain(context.task.documents![0]!.text.slice(0, 40));

        // (node:http, since fetch will not send a Host header of our choosing)
        const rebinding = await new Promise<{ status: number }>((resolve, reject) => {
          const request = httpRequest(
            handle.mcpURL,
            {
              method: "POST",
              headers: {
                host: "evil.example",
                "content-type": "application/json",
                accept: "application/json, text/event-stream",
              },
            },
            (response) => {
              response.resume();
              resolve({ status: response.statusCode ?? 0 });
            },
          );
          request.on("error", reject);
          request.end(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }));
        });
        expect(rebinding.status).toBe(403);
      } finally {
        handle.close();
      }
    });
    const tools = outcome.trace.filter((event) => event.type === "tool");
    expect(tools.map((event) => (event as { call: { name: string } }).call.name)).toEqual(["search", "read", "read"]);
    expect(outcome.record.toolCalls).toBe(3);
  });
});
