import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

function capture() {
  const out: string[] = [];
  return {
    out,
    io: { stdout: { write: (text: string) => out.push(text) }, stderr: { write: () => true }, cwd: "/tmp", env: {} },
  };
}

describe("capbench list", () => {
  it("lists the built-in suites, harness options, importers, scorers and providers as JSON", async () => {
    const { out, io } = capture();
    expect(await runCli(["list", "--json"], io)).toBe(0);
    const listed = JSON.parse(out.join(""));
    expect(listed.suites.map((suite: { name: string }) => suite.name)).toEqual([
      "arith",
      "multihop",
      "haystack",
      "code",
    ]);
    const agent = listed.harnesses.find((harness: { name: string }) => harness.name === "agent");
    expect(agent.options.context).toBe("full|compact|summarize|offload");
    expect(listed.importers).toEqual(["humaneval:PATH", "mbpp:PATH", "gsm8k:PATH", "bfcl:PATH"]);
    expect(listed.scorers).toContain("rubric");
    expect(listed.providers).toContain("ollama:<model>");
  });

  it("prints a readable listing", async () => {
    const { out, io } = capture();
    await runCli(["list"], io);
    expect(out.join("")).toMatch(
      /^Suites \(--suite NAME; options under suiteOptions.NAME\):\n {2}arith {8}Multi-step arithmetic/,
    );
    expect(out.join("")).toContain("options: workflow=NAME, k=N, read=N");
  });
});
