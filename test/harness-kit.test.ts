import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import myHarness from "../examples/my-harness.js";
import {
  builtinHarnesses,
  builtinSuites,
  createScriptedModel,
  defineHarness,
  exactScorer,
  HarnessLimitError,
  runHarnessOnTask,
  STOP_REASONS,
  TIERS,
  UsageError,
  type Task,
  type Tool,
} from "../src/index.js";
import { DocumentStore, documentTools } from "../src/tools/document-store.js";
import { tempDir } from "./cli-helpers.js";

// A harness author's tests: a harness run on one task with a scripted model, no results directory.

const documents = [
  { id: "ada", text: "Ada Lovelace was born in London. Her mentor was Charles Babbage." },
  { id: "charles", text: "Charles Babbage was born in London. He designed the Analytical Engine." },
];
const task: Task = { id: "mentor", prompt: "Who was Ada Lovelace's mentor?", expected: "Charles Babbage", documents };
const searchTools = (): Tool[] => {
  const tools = documentTools(new DocumentStore(documents));
  return [tools.search, tools.read];
};

describe("runHarnessOnTask with the scripted model", () => {
  it("runs a user's harness: its search call, the request it sent, its answer, and no results directory", async () => {
    const cwd = tempDir();
    const before = readdirSync(cwd);
    const model = createScriptedModel(["Her mentor was Charles Babbage.\nAnswer: Charles Babbage"]);
    const result = await runHarnessOnTask({
      harness: myHarness,
      task,
      model,
      tools: searchTools,
      options: { style: "brief" },
      scorer: exactScorer(),
    });
    expect(result).toMatchObject({ answer: "Charles Babbage", stopReason: "answered", modelCalls: 1, toolCalls: 1 });
    expect(result.score).toMatchObject({ pass: true, value: 1 });
    expect(result.trajectory.map((event) => event.type)).toEqual(["tool", "model"]);
    // The harness put the search results and the brief style into what it sent.
    expect(model.requests[0]!.system).toContain("Be brief.");
    expect(model.requests[0]!.messages[0]!.content).toContain("Search results:");
    expect(model.requests[0]!.messages[0]!.content).toContain("[ada]");
    expect(readdirSync(cwd)).toEqual(before);
    expect(existsSync(path.join(process.cwd(), "results", "mentor"))).toBe(false);
  });

  it("drives the built-in agent through tool calls, with a reply computed from each request", async () => {
    const model = createScriptedModel((request, { index }) => {
      if (index === 0) return { toolCalls: [{ name: "search", arguments: { query: "Ada Lovelace mentor" } }] };
      const lastResult = request.messages.at(-1);
      expect(lastResult?.role).toBe("tool");
      if (index === 1) return { toolCalls: [{ name: "read", arguments: { id: "ada" } }] };
      return { toolCalls: [{ name: "submit_answer", arguments: { answer: "Charles Babbage" } }] };
    });
    const result = await runHarnessOnTask({
      harness: builtinHarnesses.agent,
      task,
      model,
      tools: searchTools,
      documents: "retrieve",
    });
    expect(result).toMatchObject({ answer: "Charles Babbage", stopReason: "answered", modelCalls: 3 });
    const tools = result.trajectory.flatMap((event) => (event.type === "tool" ? [event.call.name] : []));
    expect(tools).toEqual(["search", "read", "submit_answer"]);
    expect(model.calls[1]!.request.messages.some((message) => message.role === "tool")).toBe(true);
  });

  it("stops a looping harness at the turn limit with that stop reason", async () => {
    const looping = defineHarness({
      name: "loop",
      async run({ model }) {
        for (;;) await model.generate({ messages: [{ role: "user", content: "again" }] });
      },
    });
    const model = createScriptedModel(() => "still thinking");
    const result = await runHarnessOnTask({ harness: looping, task, model, limits: { maxTurns: 4 } });
    expect(result).toMatchObject({ stopReason: "max_turns", modelCalls: 4, answer: "" });
    // Identical requests get their ordinal, so a real model's cache would draw each anew.
    expect(model.calls.map((call) => call.ordinal)).toEqual([0, 1, 2, 3]);
  });

  it("records a bug in the harness as an error, not an answer", async () => {
    const broken = defineHarness({
      name: "broken",
      async run() {
        throw new TypeError("cannot read x of undefined");
      },
    });
    const result = await runHarnessOnTask({ harness: broken, task, model: createScriptedModel([]) });
    expect(result.stopReason).toBe("harness_error");
    expect(result.error).toEqual({ kind: "harness", message: "cannot read x of undefined" });
  });

  it("refuses variant options the harness does not declare, before running it", async () => {
    const model = createScriptedModel([]);
    await expect(
      runHarnessOnTask({ harness: builtinHarnesses.agent, task, model, options: { contxt: "compact" } }),
    ).rejects.toThrow(/unknown key "contxt". Did you mean "context"\?/);
    await expect(
      runHarnessOnTask({ harness: builtinHarnesses.agent, task, model, options: { context: "compat" } }),
    ).rejects.toBeInstanceOf(UsageError);
    expect(model.calls).toHaveLength(0);
  });

  it("says which call ran out of script, and lets a harness catch a limit", async () => {
    const model = createScriptedModel(["one"]);
    const twice = defineHarness({
      name: "twice",
      async run({ model }) {
        await model.generate({ messages: [{ role: "user", content: "1" }] });
        await model.generate({ messages: [{ role: "user", content: "2" }] });
        return { answer: "unreachable", stopReason: "answered" };
      },
    });
    const result = await runHarnessOnTask({ harness: twice, task, model });
    expect(result.error?.message).toBe("scripted model: no reply for call 2 (the script has 1)");
    const catching = defineHarness({
      name: "catching",
      async run({ model }) {
        try {
          for (;;) await model.generate({ messages: [{ role: "user", content: "x" }] });
        } catch (error) {
          if (error instanceof HarnessLimitError) return { answer: "partial", stopReason: error.stopReason };
          throw error;
        }
      },
    });
    const limited = await runHarnessOnTask({
      harness: catching,
      task,
      model: createScriptedModel(() => "x"),
      limits: { maxTokens: 30 },
    });
    expect(limited).toMatchObject({ answer: "partial", stopReason: "token_budget" });
  });
});

describe("runtime values a library user needs", () => {
  it("exports the tiers, stop reasons and built-ins as values", () => {
    expect(TIERS).toEqual(["low", "mid", "frontier"]);
    expect(STOP_REASONS).toContain("provider_error");
    expect(Object.keys(builtinSuites)).toEqual(["arith", "multihop", "haystack", "code"]);
  });
});
