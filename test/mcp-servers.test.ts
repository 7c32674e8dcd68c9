import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../src/config/resolve-config.js";
import { run } from "../src/runner/run.js";
import { readTrace } from "../src/store/trace-file.js";
import { readSampleFile, ROOT, tempDir } from "./cli-helpers.js";
import type { FakeServer } from "./servers/fake-server.js";
import { PROVIDER_FIXTURES } from "./servers/provider-fixtures.js";

// `mcpServers` in the config: an external MCP server's tools reach the built-in agent beside the
// suite's, every call is traced, and the servers' tool lists and versions are part of the cache
// key (the same request with another server version behind it is a new sample).

const openai = PROVIDER_FIXTURES.find((fixture) => fixture.provider === "openai")!;
let server: FakeServer;
const dir = tempDir();

beforeAll(async () => {
  // A model that looks the person up with the MCP tool, then answers from what it got back.
  server = await openai.start({
    handler: (request) => {
      const messages = request.body.messages as Array<{ role: string; content: string }>;
      const result = messages.find((message) => message.role === "tool");
      if (!result) return { toolCalls: [{ name: "lookup", arguments: { name: "Alvar" } }] };
      const mentor = /mentor is ([A-Z]\w+ [A-Z]\w+)/.exec(result.content)?.[1] ?? "nobody";
      return { text: `Answer: ${mentor}` };
    },
  });
  writeFileSync(
    path.join(dir, "mentors.yaml"),
    'name: mentors\nscorer: { type: includes }\ndocuments: none\ntasks:\n  - { id: alvar, prompt: "Who is Alvar\'s mentor?", expected: Corin Dale }\n',
  );
});
afterAll(() => server.close());

async function runWith(version: string, out: string) {
  const config = resolveConfig(
    {
      suites: ["mentors.yaml"],
      harnesses: ["agent"],
      models: [{ id: "openai:gpt-5-mini", tier: "frontier" }],
      mcpServers: {
        people: {
          command: process.execPath,
          args: [path.join(ROOT, "test/fixtures/gateway/stdio-mcp-server.mjs")],
          env: { FIXTURE_VERSION: version },
        },
      },
      cache: { dir: path.join(dir, "cache") },
    },
    { out: path.join(dir, out) },
    { configPath: path.join(dir, "capbench.config.yaml"), cwd: dir },
  );
  return run({ config, cwd: dir, env: openai.env(server) });
}

describe("mcpServers in the config", () => {
  it("gives the agent the server's tools, traces the calls, and keys the cache on the servers' versions", async () => {
    const first = await runWith("2.3.4", "first");
    const [sample] = readSampleFile(first.dir);
    expect(sample).toMatchObject({ stopReason: "answered", score: { pass: true }, toolCalls: 1 });
    const trace = readTrace(first.dir, sample!)!.events;
    const call = trace.find((event) => event.type === "tool");
    expect(call).toMatchObject({ call: { name: "lookup" }, result: { isError: false } });
    expect(server.requests[0]!.body.tools.map((tool: { function: { name: string } }) => tool.function.name)).toContain(
      "lookup",
    );
    const sent = server.requestCount;
    expect(sent).toBe(2);

    await runWith("2.3.4", "again");
    expect(server.requestCount).toBe(sent); // the same servers: replayed from the cache

    await runWith("2.4.0", "upgraded");
    expect(server.requestCount).toBe(sent + 2); // another server version: new samples
  });
});
