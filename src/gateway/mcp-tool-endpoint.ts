import type { IncomingMessage, ServerResponse } from "node:http";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { capbenchVersion } from "./capbench-version.js";
import type { GatewaySession } from "./gateway-session.js";
import { wireId } from "./stream-pieces.js";

// The sample's tools as a Model Context Protocol server (streamable HTTP), built on the
// official SDK's Server and StreamableHTTPServerTransport in stateless mode: a fresh server
// and transport per POST (the SDK's pattern for stateless servers), so nothing outlives a
// request and the sample is found by its token alone. Every tools/call goes through the
// session's ToolBox: traced and counted like a built-in harness's tool call.

type Sdk = {
  Server: typeof Server;
  StreamableHTTPServerTransport: typeof StreamableHTTPServerTransport;
  ListToolsRequestSchema: typeof ListToolsRequestSchema;
  CallToolRequestSchema: typeof CallToolRequestSchema;
};
let sdk: Promise<Sdk> | null = null;
const loadSdk = () =>
  (sdk ??= Promise.all([
    import("@modelcontextprotocol/sdk/server/index.js"),
    import("@modelcontextprotocol/sdk/server/streamableHttp.js"),
    import("@modelcontextprotocol/sdk/types.js"),
  ]).then(([server, transport, types]) => ({
    Server: server.Server,
    StreamableHTTPServerTransport: transport.StreamableHTTPServerTransport,
    ListToolsRequestSchema: types.ListToolsRequestSchema,
    CallToolRequestSchema: types.CallToolRequestSchema,
  })));

/** Handles one MCP HTTP request for `session`; `hosts` are the Host values accepted (DNS-rebinding guard). */
export async function handleMcpRequest(
  request: IncomingMessage,
  response: ServerResponse,
  session: GatewaySession,
  options: { hosts: string[]; body: unknown; jsonResponse: boolean },
): Promise<void> {
  const mcp = await loadSdk();
  const server = new mcp.Server(
    { name: "capbench", version: capbenchVersion() },
    {
      capabilities: { tools: {} },
      instructions: `The tools of capbench task ${session.context.task.id}. Every call is recorded.`,
    },
  );
  server.setRequestHandler(mcp.ListToolsRequestSchema, () => ({
    tools: session.tools.specs.map((spec) => ({
      name: spec.name,
      description: spec.description,
      inputSchema: { type: "object" as const, ...spec.parameters },
    })),
  }));
  server.setRequestHandler(mcp.CallToolRequestSchema, async (call) => {
    const result = await session.tools.call({
      id: wireId("mcp_"),
      name: call.params.name,
      arguments: call.params.arguments ?? {},
    });
    return { content: [{ type: "text" as const, text: result.content }], isError: result.isError };
  });
  const transport = new mcp.StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: options.jsonResponse,
    enableDnsRebindingProtection: true,
    allowedHosts: options.hosts,
  });
  response.on("close", () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(request, response, options.body);
}
