import { describe, expect, it } from "vitest";
import { ROOT } from "./cli-helpers.js";
import { areaGraph, areaOf, cycles, importGraph } from "./import-graph.js";

// The dependency rules of DESIGN.md, checked on the sources: cli → runner → harness-kit/registry
// → models/store; plug-ins depend on the kit and the registry, never on the runner or config;
// config is composed from the plug-ins' schemas.

const graph = importGraph(ROOT, { dynamic: true });
const withoutBarrel = new Map([...graph].filter(([file]) => file !== "src/index.ts"));

function importsOf(area: string): Set<string> {
  return new Set([...graph].filter(([file]) => areaOf(file) === area).flatMap(([, targets]) => targets.map(areaOf)));
}

describe("module structure", () => {
  it("has no import cycle between modules", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("has no cycle between areas (the public barrel src/index.ts aside)", () => {
    expect(cycles(areaGraph(withoutBarrel))).toEqual([]);
  });

  it("keeps the harness kit and the plug-ins below the runner and config", () => {
    for (const area of ["src/harness-kit", "harnesses", "scorers", "suites"]) {
      const imported = importsOf(area);
      expect(
        [...imported].filter((target) => ["src/runner", "src/config", "src/cli"].includes(target)),
        area,
      ).toEqual([]);
    }
    expect(importsOf("src/harness-kit").has("src/registry")).toBe(false);
  });

  it("detects a cycle when there is one", () => {
    const cyclic = new Map([
      ["a/x.ts", ["b/y.ts"]],
      ["b/y.ts", ["a/x.ts"]],
    ]);
    expect(cycles(cyclic)).toEqual([["a/x.ts", "b/y.ts"]]);
  });
});
