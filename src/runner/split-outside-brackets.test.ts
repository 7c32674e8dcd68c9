import { describe, expect, it } from "vitest";
import { parseCompletionsFileSpec } from "./completions-file-spec.js";
import { splitOutsideBrackets } from "./split-outside-brackets.js";

describe("splitOutsideBrackets", () => {
  it("splits on commas outside brackets only", () => {
    expect(splitOutsideBrackets("prompt, workflow[k=3,read=1],agent[context=compact]")).toEqual([
      "prompt",
      "workflow[k=3,read=1]",
      "agent[context=compact]",
    ]);
    expect(splitOutsideBrackets("a,,b,")).toEqual(["a", "b"]);
  });
});

describe("parseCompletionsFileSpec", () => {
  it("reads labels after a file name, harness variants included", () => {
    expect(
      parseCompletionsFileSpec("c.jsonl[harness=agent[context=compact],model=m,tier=mid,completion=solution]", "/"),
    ).toEqual({
      path: "c.jsonl",
      harness: "agent[context=compact]",
      model: "m",
      tier: "mid",
      field: "solution",
    });
    expect(parseCompletionsFileSpec("plain.jsonl", "/")).toEqual({ path: "plain.jsonl" });
    expect(() => parseCompletionsFileSpec("c.jsonl[tier=top]", "/")).toThrow(/tier: must be one of low, mid, frontier/);
    expect(() => parseCompletionsFileSpec("c.jsonl[model]", "/")).toThrow(/"model" must be key=value/);
  });
});
