import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withSampleContext } from "../../test/gateway-sample-context.js";
import { UsageError } from "../errors.js";
import { connectMcpServers } from "./connect-mcp-servers.js";
import { type Gateway, startGateway } from "./gateway-server.js";

// External MCP servers as capbench Tools: a stdio server (the official SDK's McpServer in a
// fixture) and a streamable-HTTP one (capbench's own gateway endpoint for a sample).

const REPO = path.resolve(import.meta.dirname, "../..");
const STDIO = { command: process.execPath, args: ["test/fixtures/gateway/stdio-mcp-server.mjs"] };
const context = { signal: new AbortController().signal, scratchDir: "" };
let gateway: Gateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

describe("connectMcpServers", () => {
  it("turns stdio and HTTP servers into tools, with versions and a stable fingerprint", async () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-parent-FAKE-0123456789");
    const { outcome } = await withSampleContext(async (sample) => {
      const handle = gateway.openSession(sample);
      const specs = { people: { ...STDIO, env: { FIXTURE_SETTING: "on" } }, task: { url: handle.mcpURL } };
      const connection = await connectMcpServers(specs, { baseDir: REPO });
      try {
        expect(connection.tools.map((tool) => tool.spec.name)).toEqual(["lookup", "fail", "env", "search", "read"]);
        expect(connection.servers.map((server) => server.version)).toEqual([
          { name: "fixture-lookup", version: "2.3.4" },
          { name: "capbench", version: expect.any(String) },
        ]);
        expect(connection.fingerprint).toMatch(/^[0-9a-f]{64}$/);
        const [lookup, fail, env, search] = connection.tools;
        expect(await lookup!.execute({ name: "Alvar" }, context)).toBe("Alvar Benn's mentor is Corin Dale.");
        await expect(fail!.execute({}, context)).rejects.toThrow("the fixture failed on purpose");
        // A stdio server starts with the SDK's minimal environment plus its own env: no parent keys.
        const names = String(await env!.execute({}, context)).split(",");
        expect(names).toContain("PATH");
        expect(names).toContain("FIXTURE_SETTING");
        expect(names).not.toContain("OPENAI_API_KEY");
        // Through the gateway's endpoint the call lands in the sample's trace.
        expect(await search!.execute({ query: sample.task.prompt }, context)).toMatch(/doc-\d+/);

        const again = await connectMcpServers(specs, { baseDir: REPO });
        expect(again.fingerprint).toBe(connection.fingerprint);
        await again.close();
      } finally {
        await connection.close();
        handle.close();
      }
    });
    expect(outcome.trace.filter((event) => event.type === "tool")).toHaveLength(1);
    vi.unstubAllEnvs();
  });

  it("prefixes a tool name two servers share, and names a server that cannot start", async () => {
    const connection = await connectMcpServers({ first: STDIO, second: STDIO }, { baseDir: REPO });
    try {
      expect(connection.tools.map((tool) => tool.spec.name)).toEqual([
        "lookup",
        "fail",
        "env",
        "second__lookup",
        "second__fail",
        "second__env",
      ]);
      expect(await connection.tools[3]!.execute({ name: "nobody" }, context)).toBe("Nobody by that name.");
    } finally {
      await connection.close();
    }
    const failed = connectMcpServers({ broken: { command: "./no/such/server" } }, { baseDir: REPO });
    await expect(failed).rejects.toBeInstanceOf(UsageError);
    await expect(failed).rejects.toThrow(/mcpServers\.broken: could not connect/);
  });
});
