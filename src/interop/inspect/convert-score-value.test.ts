import { describe, expect, it } from "vitest";
import { convertScoreValue } from "./convert-score-value.js";
import { parseInspectJson } from "./parse-inspect-json.js";

describe("convertScoreValue (Inspect's value_to_float conventions)", () => {
  it.each([
    ["C", 1, true],
    ["I", 0, false],
    ["P", 0.5, false],
    ["N", 0, false],
    [true, 1, true],
    [false, 0, false],
    ["yes", 1, true],
    ["False", 0, false],
    [1, 1, true],
    [0.25, 0.25, false],
    ["0.75", 0.75, false],
  ] as const)("%j → %d (pass %s)", (value, expected, pass) => {
    expect(convertScoreValue(value)).toEqual({ status: "scored", value: expected, pass });
  });

  it("treats NaN and missing values as unscored, never as a fail or a pass", () => {
    expect(convertScoreValue(null).status).toBe("unscored");
    expect(convertScoreValue(undefined).status).toBe("unscored");
    expect(convertScoreValue("NaN").status).toBe("unscored");
    expect(convertScoreValue({ accuracy: "C" }, "f1")).toEqual({
      status: "unscored",
      reason: 'the value has no key "f1"',
    });
  });

  it("refuses values off the [0, 1] scale or that are not scores", () => {
    expect(convertScoreValue(3)).toEqual({ status: "invalid", reason: "3 is outside [0, 1]" });
    expect(convertScoreValue("maybe").status).toBe("invalid");
    expect(convertScoreValue(["C"], "first").status).toBe("invalid");
  });

  it("dict and list values: a key picks one entry; otherwise the mean, passing only when all pass", () => {
    expect(convertScoreValue({ accuracy: "C", style: "I" }, "accuracy")).toEqual({
      status: "scored",
      value: 1,
      pass: true,
    });
    expect(convertScoreValue({ accuracy: "C", style: "P" })).toEqual({ status: "scored", value: 0.75, pass: false });
    expect(convertScoreValue(["C", true, 1])).toEqual({ status: "scored", value: 1, pass: true });
    expect(convertScoreValue({ accuracy: "C", style: null }).status).toBe("unscored");
  });
});

describe("parseInspectJson", () => {
  it("reads Python's bare NaN and Infinity tokens as null, leaving strings alone", () => {
    expect(parseInspectJson('{"value": NaN, "text": "NaN or Infinity", "list": [-Infinity, 1]}', "x.json")).toEqual({
      value: null,
      text: "NaN or Infinity",
      list: [null, 1],
    });
    expect(parseInspectJson('{"quote": "a \\" NaN"}', "x.json")).toEqual({ quote: 'a " NaN' });
    expect(() => parseInspectJson("{oops", "x.json")).toThrow(/^x.json: not valid JSON/);
  });
});
