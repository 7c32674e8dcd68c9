import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { gateResult } from "./gate-check.js";
import { githubAnnotations } from "./github-output.js";
import { renderJunit } from "./render-junit.js";

const awkward = `agent[a=1,b="x"] <&> 'q'\u0001`;

const result = gateResult([
  {
    rule: "min-score",
    subject: `s / ${awkward} / frontier`,
    status: "failed",
    detail: `0.40 < 0.80 (below by 0.40) 100% & more\nsecond line`,
  },
  { rule: "max-cost", subject: "run", status: "skipped", detail: "no price for sim:low" },
  { rule: "complete", subject: "run", status: "held", detail: "96 of 96 samples" },
]);

describe("renderJunit", () => {
  it("escapes names and messages so a real XML parser reads them back exactly", () => {
    const xml = renderJunit(result, {
      name: "capbench gate r1",
      timestamp: new Date("2026-01-02T03:04:05Z"),
      hostname: "ci",
    });
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "",
      htmlEntities: true,
      isArray: (name) => name === "testsuite" || name === "testcase",
    }).parse(xml, true);
    const suites = parsed.testsuites.testsuite as {
      name: string;
      timestamp: string;
      testcase: { name: string; failure?: { message: string }; skipped?: { message: string } }[];
    }[];
    expect(parsed.testsuites).toMatchObject({ tests: "3", failures: "1", errors: "0" });
    expect(suites.map((suite) => suite.name)).toEqual([
      "capbench gate: min-score",
      "capbench gate: max-cost",
      "capbench gate: complete",
    ]);
    expect(suites[0]!.timestamp).toBe("2026-01-02T03:04:05");
    // The control character XML 1.0 cannot carry becomes U+FFFD; everything else survives.
    expect(suites[0]!.testcase[0]!.name).toBe(`s / agent[a=1,b="x"] <&> 'q'\uFFFD / frontier`);
    expect(suites[0]!.testcase[0]!.failure!.message).toBe("0.40 < 0.80 (below by 0.40) 100% & more\nsecond line");
    expect(suites[1]!.testcase[0]!.skipped!.message).toBe("no price for sim:low");
  });
});

describe("githubAnnotations", () => {
  it("prints one ::error per failed check, with %, newlines, : and , escaped as GitHub requires", () => {
    const lines = githubAnnotations(result);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `::error title=capbench gate%3A min-score s / agent[a=1%2Cb="x"] <&> 'q'\u0001 / frontier::min-score s / ${awkward} / frontier: 0.40 < 0.80 (below by 0.40) 100%25 & more%0Asecond line`,
    );
  });
});
