import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { loadSuite } from "../src/config/load-suite.js";
import { createModelClient } from "../src/models/create-model-client.js";
import { resolveHarnessRef } from "../src/registry/resolve-harness-ref.js";
import { runSample } from "../src/runner/run-sample.js";
import type { FakeServer, RecordedRequest, Reply } from "./servers/fake-server.js";
import { PROVIDER_FIXTURES } from "./servers/provider-fixtures.js";

// The agent against local OpenAI- and Anthropic-format servers through the real SDK clients:
// the tool specs go out in each wire format, the model's tool call comes back, the tool runs
// on the real document store, and its result makes the round trip into the next request.

const REPO = path.resolve(import.meta.dirname, "..");
const root = mkdtempSync(path.join(os.tmpdir(), "capbench-agent-providers-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const KEY_VARIABLE = { anthropic: "ANTHROPIC_API_KEY", openai: "OPENAI_API_KEY" } as const;

/** Tool results in the request, whatever the wire format: [tool call id, text]. */
function toolResults(request: RecordedRequest): Array<[string, string]> {
  const results: Array<[string, string]> = [];
  for (const message of request.body?.messages ?? []) {
    if (message.role === "tool") results.push([message.tool_call_id, String(message.content)]);
    if (message.role === "user" && Array.isArray(message.content)) {
      for (const block of message.content) {
        if (block.type !== "tool_result") continue;
        const text =
          typeof block.content === "string"
            ? block.content
            : (block.content ?? []).map((part: { text?: string }) => part.text ?? "").join("");
        results.push([block.tool_use_id, text]);
      }
    }
  }
  return results;
}

function firstUserText(request: RecordedRequest): string {
  const message = (request.body?.messages ?? []).find((candidate: { role: string }) => candidate.role === "user");
  if (!message) return "";
  return typeof message.content === "string"
    ? message.content
    : message.content.map((block: { text?: string }) => block.text ?? "").join("");
}

/** A scripted tool-using model: search for the fact, then submit what the search returned. */
function scriptedModel(request: RecordedRequest): Reply {
  const question = /Who is the ([a-z]+) of ([A-Z][a-z]+ [A-Z][a-z]+)\?/.exec(firstUserText(request));
  if (!question) return { text: "I cannot read the task." };
  const [, relation, person] = question;
  const results = toolResults(request);
  if (results.length === 0)
    return {
      text: "Let me search.",
      toolCalls: [{ id: "call_search_1", name: "search", arguments: { query: `${person} ${relation}` } }],
    };
  const fact = new RegExp(`${person}'s ${relation} is ([A-Z][a-z]+ [A-Z][a-z]+)\\.`).exec(
    results.map(([, text]) => text).join("\n"),
  );
  return { toolCalls: [{ id: "call_submit_1", name: "submit_answer", arguments: { answer: fact?.[1] ?? "unknown" } }] };
}

describe.each(PROVIDER_FIXTURES.filter((fixture) => fixture.provider !== "ollama"))(
  "agent over the $provider wire format",
  (fixture) => {
    let server: FakeServer | undefined;
    afterEach(async () => server?.close());

    it("completes a tool-using task through real tool-call round trips", async () => {
      server = await fixture.start({ handler: scriptedModel });
      const provider = fixture.provider as keyof typeof KEY_VARIABLE;
      const spec = fixture.spec({ baseURL: fixture.baseURL(server) });
      const client = createModelClient(spec, {
        seed: 1,
        cache: { mode: "disabled", dir: path.join(root, "cache") },
        env: { [KEY_VARIABLE[provider]]: "sk-dummy-key" },
        retry: { maxRetries: 0 },
      });
      const suite = await loadSuite("multihop", {
        cwd: REPO,
        baseDir: REPO,
        seed: 5,
        limit: null,
        sandbox: "unsafe-none",
        suiteOptions: { multihop: { levels: [1], perLevel: 1 } },
      });
      const task = suite.tasks[0]!;
      const harness = await resolveHarnessRef("agent", { baseDir: REPO });
      const outcome = await runSample(
        {
          key: `multihop|${task.id}|agent|${spec.id}|0`,
          suite,
          task,
          harness,
          model: { client, tier: spec.tier, price: null },
          epoch: 0,
        },
        {
          limits: { maxTurns: 6, maxTokens: 100_000, maxCostUsd: null, timeoutMs: 20_000 },
          runSignal: new AbortController().signal,
          scratchRoot: root,
          seed: 1,
        },
      );

      expect(outcome?.record.error).toBeUndefined();
      expect(outcome?.record.stopReason).toBe("answered");
      expect(outcome?.record.score?.pass, outcome?.record.score?.explanation).toBe(true);
      expect(outcome?.record.modelCalls).toBe(2);
      // The tool specs went out in the provider's format.
      const first = server.requests[0]!;
      const toolNames = (first.body.tools as Array<{ name?: string; function?: { name: string } }>).map(
        (tool) => tool.name ?? tool.function?.name,
      );
      expect(toolNames).toEqual(expect.arrayContaining(["search", "read", "submit_answer"]));
      // The search ran on the real document store and its result came back over the wire.
      const searchEvent = outcome?.trace.find((event) => event.type === "tool" && event.call.name === "search");
      expect(searchEvent?.type === "tool" && searchEvent.result.isError).toBe(false);
      const returned = toolResults(server.requests[1]!);
      expect(returned).toHaveLength(1);
      expect(returned[0]![0]).toBe("call_search_1");
      expect(returned[0]![1]).toContain(String(task.expected));
      // …after the assistant's own tool call, echoed back in the provider's format.
      const echoed = (
        server.requests[1]!.body.messages as Array<{
          role: string;
          content: unknown;
          tool_calls?: Array<{ id: string }>;
        }>
      ).some(
        (message) =>
          message.role === "assistant" &&
          ((message.tool_calls ?? []).some((call) => call.id === "call_search_1") ||
            (Array.isArray(message.content) &&
              message.content.some(
                (block: { type?: string; id?: string }) => block.type === "tool_use" && block.id === "call_search_1",
              ))),
      );
      expect(echoed).toBe(true);
    });
  },
);
