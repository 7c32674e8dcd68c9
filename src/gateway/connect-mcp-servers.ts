import { createHash } from "node:crypto";
import path from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { UsageError } from "../errors.js";
import { redactSecrets } from "../models/secrets.js";
import { capbenchVersion } from "./capbench-version.js";
import type { Tool, ToolSpec } from "../types.js";

// External MCP servers as capbench Tools, for built-in agents (config `mcpServers`, in the
// shape most MCP clients use): `{ command, args, env }` starts a stdio server, `{ url }`
// connects over streamable HTTP. A stdio server gets the SDK's minimal environment (PATH,
// HOME, USER …) plus its own `env`, never the parent's keys.

export type McpServerSpec =
  | { command: string; args?: string[]; env?: Record<string, string>; cwd?: string }
  | { url: string; headers?: Record<string, string> };

export interface McpServerInfo {
  name: string;
  /** What the server says it is at initialize (`serverInfo`), or null. */
  version: { name: string; version: string } | null;
  tools: ToolSpec[];
}

export interface McpConnection {
  /** Every server's tools; a name two servers share gets the later server's name as a prefix (`server__tool`). */
  tools: Tool[];
  servers: McpServerInfo[];
  /** SHA-256 over the servers, their versions and tool lists: for the response-cache key. */
  fingerprint: string;
  close(): Promise<void>;
}

const MAX_PAGES = 100;

function resultText(result: Record<string, unknown>): string {
  const parts = Array.isArray(result.content) ? (result.content as Array<Record<string, unknown>>) : [];
  return parts
    .map((part) => {
      if (part.type === "text") return String(part.text ?? "");
      const resource = part.resource as { text?: unknown; uri?: unknown } | undefined;
      if (part.type === "resource" && resource) return String(resource.text ?? `[resource ${String(resource.uri)}]`);
      return `[${String(part.type)}]`;
    })
    .join("\n");
}

async function connectOne(name: string, spec: McpServerSpec, baseDir: string): Promise<Client> {
  const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
  const client = new Client({ name: "capbench", version: capbenchVersion() });
  if ("url" in spec) {
    const { StreamableHTTPClientTransport } = await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
    await client.connect(
      new StreamableHTTPClientTransport(new URL(spec.url), { requestInit: { headers: spec.headers ?? {} } }),
    );
    return client;
  }
  const { StdioClientTransport, getDefaultEnvironment } = await import("@modelcontextprotocol/sdk/client/stdio.js");
  const command = spec.command.includes("/") ? path.resolve(baseDir, spec.command) : spec.command;
  const transport = new StdioClientTransport({
    command,
    args: spec.args ?? [],
    env: { ...getDefaultEnvironment(), ...spec.env },
    cwd: spec.cwd ? path.resolve(baseDir, spec.cwd) : baseDir,
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-2_000)));
  try {
    await client.connect(transport);
  } catch (error) {
    await transport.close().catch(() => {});
    throw new Error(`${(error as Error).message}${stderr.trim() ? `; stderr: ${stderr.trim()}` : ""}`, {
      cause: error,
    });
  }
  return client;
}

/** Connects to every server and lists its tools; a server that cannot be reached is a UsageError naming it. */
export async function connectMcpServers(
  specs: Record<string, McpServerSpec>,
  options: { baseDir?: string; timeoutMs?: number } = {},
): Promise<McpConnection> {
  const baseDir = options.baseDir ?? process.cwd();
  const clients: Client[] = [];
  const close = async () => void (await Promise.allSettled(clients.map((client) => client.close())));
  const tools: Tool[] = [];
  const servers: McpServerInfo[] = [];
  const taken = new Set<string>();
  try {
    for (const [name, spec] of Object.entries(specs)) {
      let client: Client;
      try {
        client = await connectOne(name, spec, baseDir);
      } catch (error) {
        throw new UsageError(`mcpServers.${name}: could not connect: ${redactSecrets((error as Error).message)}`);
      }
      clients.push(client);
      const listed: ToolSpec[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await client.listTools(cursor ? { cursor } : {});
        for (const tool of result.tools)
          listed.push({ name: tool.name, description: tool.description ?? "", parameters: tool.inputSchema });
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      const serverVersion = client.getServerVersion();
      servers.push({
        name,
        version: serverVersion ? { name: serverVersion.name, version: serverVersion.version } : null,
        tools: listed,
      });
      for (const spec of listed) {
        const exposed = taken.has(spec.name) ? `${name}__${spec.name}` : spec.name;
        taken.add(exposed);
        tools.push({
          spec: { ...spec, name: exposed },
          async execute(args, context) {
            const result = await client.callTool({ name: spec.name, arguments: args }, undefined, {
              signal: context.signal,
              ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
            });
            const text = resultText(result);
            if (result.isError) throw new Error(text || `${spec.name} failed`);
            return text;
          },
        });
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  const fingerprint = createHash("sha256").update(JSON.stringify(servers)).digest("hex");
  return { tools, servers, fingerprint, close };
}
