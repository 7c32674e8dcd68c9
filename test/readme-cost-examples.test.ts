import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSampleFile, ROOT, tempDir } from "./cli-helpers.js";

// The README's cost examples (batch mode and prompt caching against the local stand-ins) run
// as written, with an output directory of the test's own.

const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
const commands = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
  .map((match) => match[1]!.replace(/\\\n\s*/g, ""))
  .flatMap((text) => text.split("\n"))
  .filter((line) => line.startsWith("node dist/bench/with-stand-ins.js "));

/** Splits a command line on spaces outside double quotes. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!);
}

describe("README cost examples", () => {
  it("are there", () => expect(commands).toHaveLength(2));

  it.each(commands.map((command, index) => [index, command] as const))("example %i runs: %s", (_index, command) => {
    const dir = tempDir("capbench-readme-cost-");
    const [, script, ...args] = words(command);
    const result = spawnSync(
      process.execPath,
      [
        path.join(ROOT, script!),
        ...args,
        "--no-progress",
        "--out",
        path.join(dir, "out"),
        "--cache-dir",
        path.join(dir, "cache"),
      ],
      { cwd: dir, encoding: "utf8", timeout: 120_000, env: { PATH: process.env.PATH } },
    );
    expect(result.status, result.stderr).toBe(0);
    const samples = readSampleFile(path.join(dir, "out"));
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((sample) => sample.error === undefined)).toBe(true);
    if (args.includes("--batch")) {
      expect(result.stderr).toMatch(/OpenAI 0 direct calls, [1-9]\d* batches · Anthropic 0 direct calls, [1-9]/);
      expect(readFileSync(path.join(dir, "out", "batches.jsonl"), "utf8")).toContain('"type":"ended"');
    } else {
      const cached = samples.filter((sample) => sample.harness === "agent");
      expect(cached.reduce((sum, sample) => sum + sample.usage.cacheReadTokens, 0)).toBeGreaterThan(0);
    }
  });
});
