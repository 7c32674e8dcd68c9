import { describe, expect, it } from "vitest";
import type { ModelRequest } from "../types.js";
import { anthropicRequestBody } from "./anthropic-request.js";

// Where `cache: "auto"` puts Anthropic's cache breakpoints: the last tool, the system prompt,
// the end of the previous turn's request and the end of this one; never more than four.

const SEARCH = { name: "search", description: "Search", parameters: { type: "object" } };
const READ = { name: "read", description: "Read", parameters: { type: "object" } };
const settings = { modelId: "claude-sonnet-5" };

/** Paths of every block that carries cache_control. */
function marks(body: Record<string, unknown>): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}[${index}]`));
    else if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if (record.cache_control !== undefined) {
        expect(record.cache_control).toEqual({ type: "ephemeral" });
        found.push(path);
      }
      for (const [key, item] of Object.entries(record)) if (key !== "cache_control") walk(item, `${path}.${key}`);
    }
  };
  walk(body, "");
  return found;
}

const turn3: ModelRequest = {
  system: "You are an agent.",
  tools: [SEARCH, READ],
  messages: [
    { role: "user", content: "Who is the mentor of Alvar Benn?" },
    { role: "assistant", content: "", toolCalls: [{ id: "t1", name: "search", arguments: { query: "Alvar" } }] },
    { role: "tool", toolCallId: "t1", name: "search", content: "doc-001 Alvar Benn" },
    { role: "assistant", content: "Reading.", toolCalls: [{ id: "t2", name: "read", arguments: { id: "doc-001" } }] },
    { role: "tool", toolCallId: "t2", name: "read", content: "Alvar Benn's mentor is Cora Lind." },
  ],
};

describe("Anthropic cache breakpoints", () => {
  it("are absent unless the request asks for caching", () => {
    expect(marks(anthropicRequestBody(turn3, settings).body)).toEqual([]);
    expect(marks(anthropicRequestBody({ ...turn3, cache: "off" }, settings).body)).toEqual([]);
  });

  it("mark the tools, the system prompt, the previous turn's end and this request's end", () => {
    const { body } = anthropicRequestBody({ ...turn3, cache: "auto" }, settings);
    expect(marks(body).sort()).toEqual([
      ".messages[2].content[0]",
      ".messages[4].content[0]",
      ".system[0]",
      ".tools[1]",
    ]);
    expect(body.system).toEqual([{ type: "text", text: "You are an agent.", cache_control: { type: "ephemeral" } }]);
    // Unmarked parts are exactly the direct body's.
    const plain = anthropicRequestBody(turn3, settings).body;
    expect(JSON.stringify(body).replaceAll(',"cache_control":{"type":"ephemeral"}', "")).toBe(
      JSON.stringify({ ...plain, system: [{ type: "text", text: "You are an agent." }] }),
    );
  });

  it("on the first turn mark the tools, the system prompt and the question", () => {
    const first: ModelRequest = { ...turn3, messages: turn3.messages.slice(0, 1), cache: "auto" };
    const { body } = anthropicRequestBody(first, settings);
    expect(marks(body).sort()).toEqual([".messages[0].content[0]", ".system[0]", ".tools[1]"]);
    expect((body.messages as { content: unknown }[])[0]!.content).toEqual([
      { type: "text", text: "Who is the mentor of Alvar Benn?", cache_control: { type: "ephemeral" } },
    ]);
  });

  it("never exceed four and skip what cannot carry a mark", () => {
    const noToolsNoSystem: ModelRequest = {
      messages: [
        { role: "user", content: "Q" },
        { role: "assistant", content: "" },
        { role: "user", content: "Continue." },
      ],
      cache: "auto",
    };
    expect(marks(anthropicRequestBody(noToolsNoSystem, settings).body)).toEqual([
      ".messages[0].content[0]",
      ".messages[2].content[0]",
    ]);
    for (let turns = 1; turns <= 12; turns++) {
      const messages = turn3.messages.concat(...Array.from({ length: turns }, () => turn3.messages.slice(1)));
      expect(
        marks(anthropicRequestBody({ ...turn3, messages, cache: "auto" }, settings).body).length,
      ).toBeLessThanOrEqual(4);
    }
  });
});
