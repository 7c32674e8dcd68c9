import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { CliIO } from "../src/cli/cli-command.js";
import { runCli } from "../src/cli/run-cli.js";
import type { ScoreArgs } from "../src/cli/score-command.js";
import { SHARED_DATA, sharedData } from "./shared-data.js";

const DATA = sharedData("");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "capbench-score-cli-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function io(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    cwd: work,
    env: {},
  };
}

describe.skipIf(!SHARED_DATA)("capbench score", () => {
  it("parses its flags", async () => {
    const score = vi.fn(async (_args: ScoreArgs) => 0);
    expect(
      await runCli(
        [
          "score",
          "--suite",
          "humaneval:h.jsonl",
          "--completions",
          "c.jsonl",
          "--model",
          "gpt-x",
          "--tier",
          "mid",
          "--unsafe-no-sandbox",
        ],
        io(),
        { score: score as never },
      ),
    ).toBe(0);
    expect(score.mock.calls[0]![0]).toMatchObject({
      suite: "humaneval:h.jsonl",
      completions: ["c.jsonl"],
      model: "gpt-x",
      tier: "mid",
      unsafeNoSandbox: true,
      json: false,
    });
    const streams = io();
    expect(await runCli(["score", "--suite", "arith"], streams)).toBe(2);
    expect(streams.err.join("")).toMatch(/completions/);
  });

  it("scores a completions file end to end and prints the results directory", async () => {
    const problems = fs
      .readFileSync(path.join(DATA, "gsm8k/example_model_solutions.jsonl"), "utf8")
      .trim()
      .split("\n")
      .slice(0, 50);
    const completions = problems.map((line, index) =>
      JSON.stringify({
        task_id: `gsm8k/${index}`,
        completion: (JSON.parse(line) as { "175b_verification": { solution: string } })["175b_verification"].solution,
      }),
    );
    fs.writeFileSync(path.join(work, "gsm8k.jsonl"), completions.join("\n"));
    const streams = io();
    const code = await runCli(
      [
        "score",
        "--suite",
        `gsm8k:${path.join(DATA, "gsm8k/test.jsonl")}`,
        "--completions",
        "gsm8k.jsonl",
        "--out",
        "out",
        "--no-progress",
      ],
      streams,
    );
    expect(streams.err.join("")).toBe("");
    expect(code).toBe(0);
    const upstream = problems.filter(
      (line) => (JSON.parse(line) as { "175b_verification": { is_correct: boolean } })["175b_verification"].is_correct,
    ).length;
    expect(streams.out.join("")).toContain(
      `Scored 50 completions of 50 tasks: ${upstream} passed; pass@1 ${((upstream / 50) * 100).toFixed(1)}%`,
    );
    expect(streams.out.join("")).toContain("Results: out");
    expect(fs.existsSync(path.join(work, "out/summary.json"))).toBe(true);
  });

  it("exits 2 naming the file and line of an unknown task id", async () => {
    fs.writeFileSync(
      path.join(work, "bad.jsonl"),
      `${JSON.stringify({ task_id: "gsm8k/0", completion: "A: 18" })}\n${JSON.stringify({ task_id: "nope", completion: "1" })}\n`,
    );
    const streams = io();
    expect(
      await runCli(
        [
          "score",
          "--suite",
          `gsm8k:${path.join(DATA, "gsm8k/test.jsonl")}`,
          "--completions",
          "bad.jsonl",
          "--no-progress",
        ],
        streams,
      ),
    ).toBe(2);
    expect(streams.err.join("")).toContain('bad.jsonl: line 2: task_id: "nope" is not a task of suite "gsm8k"');
  });
});
