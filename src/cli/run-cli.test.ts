import { describe, expect, it, vi } from "vitest";
import { UsageError } from "../errors.js";
import { registerSecret } from "../models/secrets.js";
import type { CliIO } from "./cli-command.js";
import { runCli } from "./run-cli.js";
import type { RunArgs } from "./run-command.js";

function io(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    cwd: "/tmp",
    env: {},
  };
}

describe("capbench CLI parsing", () => {
  it("parses run flags, splitting comma lists and merging repeats", async () => {
    const run = vi.fn(async (_args: RunArgs) => 0);
    const code = await runCli(
      [
        "run",
        "--suite",
        "arith",
        "--suite",
        "x.yaml",
        "--harness",
        "prompt,agent[context=compact]",
        "--models",
        "sim:low,sim:mid",
        "--epochs",
        "2",
        "--no-cache",
        "--json",
        "--out",
        "d",
      ],
      io(),
      { run: run as never },
    );
    expect(code).toBe(0);
    const args = run.mock.calls[0]![0];
    expect(args).toMatchObject({
      suite: ["arith", "x.yaml"],
      harness: ["prompt", "agent[context=compact]"],
      models: ["sim:low", "sim:mid"],
      epochs: 2,
      cache: false,
      json: true,
      out: "d",
      cacheOnly: false,
    });
  });

  it("rejects numeric flags that are not positive integers", async () => {
    const streams = io();
    expect(await runCli(["run", "--epochs", "two"], streams)).toBe(2);
    expect(await runCli(["run", "--concurrency", "0"], streams)).toBe(2);
    expect(streams.err.join("")).toContain("--epochs: must be a positive integer");
    expect(streams.err.join("")).toContain("--concurrency: must be a positive integer");
  });

  it("refuses flags that would change a resumed run's matrix", async () => {
    const streams = io();
    expect(await runCli(["run", "--resume", "results/x", "--epochs", "3", "--models", "sim:low"], streams)).toBe(2);
    expect(streams.err.join("")).toContain(
      "--resume results/x: the run keeps the config it started with; drop --models, --epochs",
    );
  });

  it("returns the handler's exit code", async () => {
    expect(await runCli(["run"], io(), { run: async () => 130 })).toBe(130);
  });

  it("maps usage errors to exit 2 with the message and no stack", async () => {
    const streams = io();
    const code = await runCli(["run"], streams, {
      run: async () => {
        throw new UsageError("suites/x.yaml: tasks[3].expected: required");
      },
    });
    expect(code).toBe(2);
    expect(streams.err.join("")).toBe("capbench: suites/x.yaml: tasks[3].expected: required\n");
  });

  it("rejects unknown commands and flags with exit 2", async () => {
    const streams = io();
    expect(await runCli(["runn"], streams, { run: async () => 0 })).toBe(2);
    expect(await runCli(["run", "--epochz", "2"], streams, { run: async () => 0 })).toBe(2);
    expect(streams.err.join("")).toMatch(/Unknown argument: epochz/);
  });

  it("maps an unexpected error to exit 3 and redacts secrets", async () => {
    const streams = io();
    registerSecret("live-key-9f8e7d6c");
    const code = await runCli(["run"], streams, {
      run: async () => {
        throw new Error("boom with live-key-9f8e7d6c");
      },
    });
    expect(code).toBe(3);
    expect(streams.err.join("")).toContain("internal error: Error: boom with [REDACTED]");
    expect(streams.err.join("")).not.toContain("live-key-9f8e7d6c");
  });
});
