import { describe, expect, it } from "vitest";
import type { Task } from "../src/types.js";
import { createScorer } from "../src/registry/create-scorer.js";
import { extractNumber } from "./numeric-scorer.js";

const context = { where: "suite.yaml: scorer", baseDir: ".", sandbox: { mode: "bwrap" as const } };
const task = (expected: unknown): Task => ({ id: "t", prompt: "p", expected });
const score = (spec: Parameters<typeof createScorer>[0], expected: unknown, answer: string) =>
  createScorer(spec, context).score({ task: task(expected), answer });

describe("exact", () => {
  it("normalizes case and whitespace by default", async () => {
    expect(await score({ type: "exact" }, "Paris", "  paris \n")).toMatchObject({ pass: true, value: 1 });
  });
  it("respects caseSensitive and reports both sides on a miss", async () => {
    const result = await score({ type: "exact", caseSensitive: true }, "Paris", "paris");
    expect(result.pass).toBe(false);
    expect(result.explanation).toBe('expected "Paris", got "paris"');
  });
  it("can strip punctuation and accepts any of a list", async () => {
    expect((await score({ type: "exact", stripPunctuation: true }, ["N.Y.C.", "New York"], "nyc!")).pass).toBe(true);
    expect((await score({ type: "exact" }, ["N.Y.C.", "New York"], "nyc")).pass).toBe(false);
  });
});

describe("includes", () => {
  it("finds the expected text inside the answer", async () => {
    expect((await score({ type: "includes" }, "blue whale", "The largest is the Blue Whale.")).pass).toBe(true);
    expect((await score({ type: "includes", caseSensitive: true }, "blue whale", "The Blue Whale.")).pass).toBe(false);
  });
});

describe("regex", () => {
  it("extracts the first group then compares", async () => {
    const spec = { type: "regex", pattern: "City: (\\w+)" };
    expect((await score(spec, "Lima", "Thinking... City: lima")).pass).toBe(true);
    const miss = await score(spec, "Lima", "Thinking... City: Quito");
    expect(miss.pass).toBe(false);
    expect(miss.explanation).toContain('extracted "quito"');
  });
  it("reports when the pattern finds nothing", async () => {
    expect((await score({ type: "regex", pattern: "X=(\\d+)" }, "1", "nothing")).explanation).toContain(
      "found nothing",
    );
  });
  it("rejects an invalid pattern naming the field", () => {
    expect(() => createScorer({ type: "regex", pattern: "(" }, context)).toThrow(
      /suite.yaml: scorer.pattern: invalid regular expression/,
    );
  });
});

describe("numeric", () => {
  it("takes the last number by default", async () => {
    expect((await score({ type: "numeric" }, 42, "Step 1: 40 + 2 = 42\nAnswer: 42")).pass).toBe(true);
    expect((await score({ type: "numeric" }, 42, "42 is wrong, it is 43")).pass).toBe(false);
  });
  it("handles commas, dollars, negatives and decimals", () => {
    expect(extractNumber("The total is $1,234.50.")).toBe(1234.5);
    expect(extractNumber("It drops to -17")).toBe(-17);
    expect(extractNumber("no digits here")).toBeNull();
  });
  it("applies absolute and relative tolerance", async () => {
    expect((await score({ type: "numeric", tolerance: 0.5 }, 10, "10.4")).pass).toBe(true);
    expect((await score({ type: "numeric", tolerance: 0.5 }, 10, "10.6")).pass).toBe(false);
    expect((await score({ type: "numeric", relativeTolerance: 0.1 }, 100, "109")).pass).toBe(true);
  });
  it("can take the number after an answer marker", async () => {
    expect((await score({ type: "numeric", extract: "answer" }, 7, "The answer is 7, checked 3 times")).pass).toBe(
      true,
    );
    expect((await score({ type: "numeric", extract: "first" }, 7, "7 then 9")).pass).toBe(true);
  });
  it("says when there is no number", async () => {
    expect(await score({ type: "numeric" }, 7, "I don't know.")).toEqual({
      value: 0,
      pass: false,
      explanation: 'no number in "I don\'t know."',
    });
  });
});

it("names unknown scorer types", () => {
  expect(() => createScorer({ type: "fuzzy" }, context)).toThrow(/suite.yaml: scorer.type: unknown scorer "fuzzy"/);
});
