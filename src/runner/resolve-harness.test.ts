import { describe, expect, it } from "vitest";
import { parseHarnessRef, resolveHarness } from "./resolve-harness.js";

describe("harness references", () => {
  it("parses variants into a base name and options", () => {
    expect(parseHarnessRef("agent[context=compact,keep=3]")).toEqual({
      base: "agent",
      options: { context: "compact", keep: "3" },
    });
    expect(parseHarnessRef("prompt")).toEqual({ base: "prompt", options: {} });
    expect(() => parseHarnessRef("agent[context]")).toThrow(/must be key=value/);
  });

  it("labels variants with their options", async () => {
    expect((await resolveHarness("agent[context=compact]", process.cwd())).label).toBe("agent[context=compact]");
  });

  it("refuses unknown options and bad values before any sample runs", async () => {
    await expect(resolveHarness("agent[context=compat]", process.cwd())).rejects.toThrow(
      'harness "agent[context=compat]": option context must be one of full, compact, summarize, offload, got "compat"',
    );
    await expect(resolveHarness("agent[maxTurn=3]", process.cwd())).rejects.toThrow(
      /unknown option "maxTurn"; agent accepts context, keep/,
    );
    await expect(resolveHarness("multi-agent[maxFanOut=many]", process.cwd())).rejects.toThrow(
      /maxFanOut must be a whole number/,
    );
    await expect(resolveHarness("nosuch", process.cwd())).rejects.toThrow(/unknown; built-in harnesses are prompt/);
  });

  it("loads a custom harness module and checks its default export", async () => {
    const resolved = await resolveHarness("./examples/my-harness.ts[style=brief]", process.cwd());
    expect(resolved.label).toBe("search-then-answer[style=brief]");
    await expect(resolveHarness("./missing-harness.ts", process.cwd())).rejects.toThrow(/file not found/);
  });
});
