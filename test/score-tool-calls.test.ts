import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../scorers/tool-calls-parse.js";
import { toolCallsScorer } from "../scorers/tool-calls-scorer.js";
import type { Task } from "../src/types.js";
import { importBfcl } from "../suites/importers/bfcl-importer.js";
import { SHARED_DATA, sharedData } from "./shared-data.js";

const DATA = sharedData("bfcl");
const scorer = toolCallsScorer();

describe("parseToolCalls", () => {
  it("reads Python-style calls with literal values", () => {
    expect(
      parseToolCalls(
        `[math.hypot(x=3, y=-4.5e1, tags=['a', "b\\"c"], point=(1, 2), opts={'k': None, "z": True}), g(s=r'a\\b')]`,
      ),
    ).toEqual({
      calls: [
        {
          name: "math.hypot",
          arguments: { x: 3, y: -45, tags: ["a", 'b"c'], point: [1, 2], opts: { k: null, z: true } },
        },
        { name: "g", arguments: { s: "a\\b" } },
      ],
    });
    expect(parseToolCalls("```python\nf(a=1)\ng(b='x')\n```")).toEqual({
      calls: [
        { name: "f", arguments: { a: 1 } },
        { name: "g", arguments: { b: "x" } },
      ],
    });
  });

  it("reads the JSON shapes", () => {
    const expected = { calls: [{ name: "f", arguments: { a: 1 } }] };
    expect(parseToolCalls('[{"name": "f", "arguments": {"a": 1}}]')).toEqual(expected);
    expect(parseToolCalls('{"function": {"name": "f", "arguments": "{\\"a\\": 1}"}}')).toEqual(expected);
    expect(parseToolCalls('{"f": {"a": 1}}')).toEqual(expected);
    expect(parseToolCalls('{"tool_calls": [{"name": "f", "parameters": {"a": 1}}]}')).toEqual(expected);
  });

  it("reports what it cannot parse", () => {
    expect(parseToolCalls("f(1, 2)")).toEqual({ error: expect.stringMatching(/positional argument in f\(\)/) });
    expect(parseToolCalls("I cannot help with that.")).toEqual({ error: expect.stringMatching(/could not parse/) });
  });
});

describe("toolCallsScorer", () => {
  const task: Task = {
    id: "t",
    prompt: "",
    expected: [
      { "spotify.play": { artist: ["Taylor Swift"], duration: [20] } },
      { "spotify.play": { artist: ["Maroon 5"], duration: [15], shuffle: ["", false] } },
    ],
  };

  it("accepts parallel calls in any order, underscored names and standardized strings", () => {
    expect(
      scorer.score({
        task,
        answer: "[spotify_play(artist='maroon5', duration=15), spotify.play(artist='Taylor Swift', duration=20)]",
      }),
    ).toMatchObject({ pass: true, value: 1 });
    const toolCalls = [
      { id: "1", name: "spotify_play", arguments: { artist: "Taylor Swift", duration: 20 } },
      { id: "2", name: "spotify_play", arguments: { artist: "Maroon 5", duration: 15, shuffle: false } },
    ];
    expect(scorer.score({ task, answer: "done", toolCalls })).toMatchObject({ pass: true });
    expect(
      scorer.score({
        task,
        answer: "done",
        trajectory: toolCalls.map((call) => ({
          type: "tool" as const,
          agent: "main",
          at: 0,
          call,
          result: { content: "ok", isError: false },
          latencyMs: 1,
        })),
      }),
    ).toMatchObject({ pass: true });
  });

  it("says which call or argument is wrong", async () => {
    expect(scorer.score({ task, answer: "spotify_play(artist='Taylor Swift', duration=20)" })).toMatchObject({
      pass: false,
      explanation: "expected 2 calls (spotify.play, spotify.play), got 1 (spotify_play)",
    });
    expect(
      (
        await scorer.score({
          task,
          answer: "[spotify_play(artist='Taylor Swift', duration=20), spotify_play(artist='Maroon 5', duration=16)]",
        })
      ).explanation,
    ).toBe("spotify.play.duration: got 16, allowed [15]");
    expect(
      (
        await scorer.score({
          task,
          answer:
            "[spotify_play(artist='Taylor Swift', duration=20), spotify_play(artist='Maroon 5', duration=15, volume=3)]",
        })
      ).explanation,
    ).toBe("spotify.play: unexpected argument volume");
    expect(
      (
        await scorer.score({
          task,
          answer: "[spotify_play(artist='Taylor Swift'), spotify_play(artist='Maroon 5', duration=15)]",
        })
      ).explanation,
    ).toBe("spotify.play: missing argument duration");
  });

  it("passes an answer without calls when none is expected", () => {
    const none: Task = { id: "n", prompt: "", expected: [] };
    expect(scorer.score({ task: none, answer: "None of the tools computes a triangle's area." })).toMatchObject({
      pass: true,
    });
    expect(scorer.score({ task: none, answer: "f(a=1)" })).toMatchObject({ pass: false });
  });
});

describe.skipIf(!SHARED_DATA)("BFCL importer", () => {
  it.each(["simple_python", "multiple", "parallel", "parallel_multiple", "live_simple"])(
    "%s: every ground-truth answer written as Python calls in reverse order passes, and a changed value fails",
    async (category) => {
      const suite = await importBfcl(path.join(DATA, `BFCL_v4_${category}.json`), { seed: 1 });
      expect(suite.tasks.length).toBeGreaterThan(100);
      const tools = suite.tools!(suite.tasks[0]!, { scratchDir: "/tmp" });
      expect(tools[0]!.spec.name).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(JSON.stringify(tools[0]!.spec.parameters)).not.toMatch(/"type":"(dict|float|tuple)"/);
      let changedFailures = 0;
      for (const task of suite.tasks) {
        const calls = (task.expected as Record<string, Record<string, unknown[]>>[]).map(
          (entry) => Object.entries(entry)[0]!,
        );
        const answer = `[${calls
          .reverse()
          .map(([name, args]) => pythonCall(name, args))
          .join(", ")}]`;
        const score = suite.scorer.score({ task, answer }) as { pass: boolean; explanation: string };
        expect(score.pass, `${task.id}: ${answer} → ${score.explanation}`).toBe(true);
        const changed = answer.replace(/=(-?\d+)/, (_, number: string) => `=${Number(number) + 1}`);
        if (changed !== answer && !(suite.scorer.score({ task, answer: changed }) as { pass: boolean }).pass)
          changedFailures += 1;
      }
      expect(changedFailures).toBeGreaterThan(0);
    },
  );

  it("imports irrelevance questions as expecting no call, and refuses multi-turn files", async () => {
    const suite = await importBfcl(path.join(DATA, "BFCL_v4_irrelevance.json"), { seed: 1 });
    expect(suite.tasks.every((task) => Array.isArray(task.expected) && task.expected.length === 0)).toBe(true);
    await expect(importBfcl(path.join(DATA, "BFCL_v4_multi_turn_base.json"), { seed: 1 })).rejects.toThrow(
      /multi-turn BFCL categories are not supported/,
    );
  });
});

/** The call with the first allowed value of each argument that cannot be omitted. */
function pythonCall(name: string, args: Record<string, unknown[]>): string {
  const parts = Object.entries(args).flatMap(([key, allowed]) =>
    allowed.includes("") || allowed.length === 0 ? [] : [`${key}=${pythonLiteral(allowed[0])}`],
  );
  return `${name}(${parts.join(", ")})`;
}

function pythonLiteral(value: unknown): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown[]>).filter(([, allowed]) => !allowed.includes(""));
    return `{${entries.map(([key, allowed]) => `${JSON.stringify(key)}: ${pythonLiteral(allowed[0])}`).join(", ")}}`;
  }
  return String(value);
}
