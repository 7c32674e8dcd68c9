// What a run records and where, through the built CLI: harness variants with several options,
// an unwritable --out, secrets in model options, scratch directories on kill and after a crash,
// runs where something produced no data, and every results-directory reader on damaged input.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  truncateSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SampleRecord } from "../src/types.js";
import { BIN, runCapbenchAsync, capbench, readSampleFile, ROOT, startCapbench, tempDir } from "./cli-helpers.js";
import { startOpenAIServer } from "./servers/openai-server.js";

const LADDER = ["--models", "sim:low,sim:mid,sim:frontier"];
const QUIET = ["--no-progress", "--no-cache"];

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
}

function noStack(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at |internal error/);
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return condition();
}

/** The built CLI as an async child, so this process's fake servers can answer it. */
function runAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return runCapbenchAsync(args, cwd, env, { timeoutMs: 60_000 });
}

/** A finished run to damage in the tests below (copied first). */
let finished = "";

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} missing: build first with npx tsc -p .`);
  finished = path.join(tempDir(), "finished");
  const result = capbench([
    "run",
    "--suite",
    "arith",
    ...LADDER,
    "--epochs",
    "2",
    "--seed",
    "2",
    ...QUIET,
    "--out",
    finished,
  ]);
  expect(result.status, result.stderr).toBe(0);
});

function copyOfFinished(name: string): string {
  const dir = path.join(tempDir(), name);
  cpSync(finished, dir, { recursive: true });
  return dir;
}

describe("run inputs", () => {
  it("takes a harness variant with several options on the command line (split outside brackets)", () => {
    const out = path.join(tempDir(), "run");
    const result = capbench([
      "run",
      "--suite",
      "multihop",
      "--harness",
      "prompt,workflow[k=3,read=1]",
      "--models",
      "sim:frontier",
      "--limit",
      "2",
      ...QUIET,
      "--out",
      out,
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(new Set(readSampleFile(out).map((sample) => sample.harness))).toEqual(
      new Set(["prompt", "workflow[k=3,read=1]"]),
    );
  });

  it("fails at once with exit 2 for an --out that cannot be a directory", () => {
    const file = path.join(tempDir(), "a-file");
    writeFileSync(file, "");
    for (const out of ["/proc/capbench-x", path.join(file, "run")]) {
      const result = capbench([
        "run",
        "--suite",
        "arith",
        "--models",
        "sim:low",
        "--limit",
        "2",
        ...QUIET,
        "--out",
        out,
      ]);
      expect(result.status, `${out}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain(`${out}: cannot write results`);
      noStack(result.stderr);
    }
  });

  it("keeps secrets in a model's options out of run.json; a resume needs the config that holds them", async () => {
    const server = await startOpenAIServer({ handler: () => ({ text: "The answer is 42." }) });
    try {
      const dir = tempDir();
      const key = "sk-proj-abcdefghijklmnop1234";
      writeFileSync(
        path.join(dir, "capbench.config.yaml"),
        [
          "suites: [arith]",
          "limit: 2",
          "models:",
          "  - id: openai:gpt-test",
          "    tier: low",
          `    baseURL: ${server.url}/v1`,
          "    options:",
          `      user: "${key}"`,
          "      metadata: { api_token: plain-secret-value, team: evals }",
          "      max_tokens: 256",
          "",
        ].join("\n"),
      );
      const out = path.join(dir, "out");
      const env = { OPENAI_API_KEY: "sk-test-not-a-real-key-1" };
      const result = await runAsync(["run", ...QUIET, "--out", out], dir, env);
      expect(result.status, result.stderr).toBe(0);
      const text = readFileSync(path.join(out, "run.json"), "utf8");
      for (const secret of ["plain-secret-value", key, env.OPENAI_API_KEY]) expect(text).not.toContain(secret);
      const options = (
        readJson(path.join(out, "run.json")).config as { models: { options: Record<string, unknown> }[] }
      ).models[0]!.options;
      expect(options).toEqual({
        user: "[REDACTED]",
        metadata: { api_token: "[REDACTED]", team: "evals" },
        max_tokens: 256,
      });
      // Resumed where no config defines that model, the redacted values would be sent: refused.
      writeFileSync(path.join(out, "run.json"), text.replace('"status": "complete"', '"status": "interrupted"'));
      const elsewhere = await runAsync(["run", "--resume", out, "--no-progress"], tempDir(), env);
      expect(elsewhere.status).toBe(2);
      expect(elsewhere.stderr).toContain("model openai:gpt-test had a secret in its options");
      // With the config that defines it, the resume goes through.
      const resumed = await runAsync(["run", "--resume", out, "--no-progress"], dir, env);
      expect(resumed.status, resumed.stderr).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe("scratch directories", () => {
  function scratchRoots(tmp: string): string[] {
    return readdirSync(tmp).filter((name) => name.startsWith("capbench-scratch-"));
  }

  it("are removed when the run is killed with SIGTERM or SIGINT", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const tmp = tempDir("capbench-tmp-");
      const out = path.join(tempDir(), "run");
      const child = startCapbench(
        [
          "run",
          "--suite",
          "arith",
          "--harness",
          "test/fixtures/scratch-harness.ts",
          ...LADDER,
          "--epochs",
          "20",
          ...QUIET,
          "--out",
          out,
        ],
        { env: { TMPDIR: tmp } },
      );
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      expect(
        await waitFor(() => scratchRoots(tmp).length > 0 && existsSync(path.join(out, "samples.jsonl")), 30_000),
      ).toBe(true);
      child.kill(signal);
      await exited;
      expect(scratchRoots(tmp), signal).toEqual([]);
    }
  }, 90_000);

  it("left by a process that died are removed when the next run starts", () => {
    const tmp = tempDir("capbench-tmp-");
    const dead = Number(
      spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout,
    );
    const stale = path.join(tmp, `capbench-scratch-${dead}-abc-0`);
    const live = path.join(tmp, `capbench-scratch-${process.pid}-abc-0`);
    for (const dir of [stale, live]) mkdirSync(path.join(dir, "sample"), { recursive: true });
    const result = capbench(
      ["run", "--suite", "arith", "--models", "sim:low", "--limit", "1", ...QUIET, "--out", path.join(tmp, "out")],
      {
        env: { TMPDIR: tmp },
      },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });
});

describe("run completeness", () => {
  it("a model (and its tier) that produced no data makes the run incomplete: exit 3 after the reports, named", () => {
    const out = path.join(tempDir(), "run");
    const result = capbench([
      "run",
      "--suite",
      "arith",
      "--harness",
      "test/fixtures/low-tier-broken-harness.ts",
      ...LADDER,
      "--limit",
      "4",
      ...QUIET,
      "--out",
      out,
    ]);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(
      "the run is incomplete: no data from model sim:low (4 of 4 samples errored), tier low",
    );
    expect(result.stderr).toContain("first error: this harness cannot drive sim:low");
    noStack(result.stderr);
    expect(readJson(path.join(out, "run.json"))).toMatchObject({
      status: "incomplete",
      noData: [
        { kind: "model", name: "sim:low", samples: 4, errors: 4 },
        { kind: "tier", name: "low", samples: 4, errors: 4 },
      ],
    });
    for (const report of ["summary.json", "report.md", "report.html"])
      expect(existsSync(path.join(out, report))).toBe(true);
  });

  it("a shard is partial, with reason shard", () => {
    const out = path.join(tempDir(), "run");
    const result = capbench([
      "run",
      "--suite",
      "arith",
      "--models",
      "sim:low",
      "--shard",
      "1/2",
      ...QUIET,
      "--out",
      out,
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(readJson(path.join(out, "run.json"))).toMatchObject({ status: "partial", partialReason: "shard" });
  });
});

describe("readers of a results directory", () => {
  const outcomes = (records: SampleRecord[]) =>
    new Map(records.map((record) => [record.key, `${record.answer}|${record.score?.value}`]));

  it("tolerate duplicate lines left by older versions: report, gate and resume ignore and count them", () => {
    const dir = copyOfFinished("duplicates");
    const lines = readFileSync(path.join(dir, "samples.jsonl"), "utf8").split("\n").filter(Boolean);
    // An older version's two writers: the second appended what the first had already written.
    writeFileSync(path.join(dir, "samples.jsonl"), `${[...lines, ...lines.slice(10, 40)].join("\n")}\n`);
    const report = capbench(["report", dir, "--json"]);
    expect(report.status, report.stderr).toBe(0);
    const summary = JSON.parse(report.stdout);
    const clean = readJson(path.join(finished, "summary.json")) as { cells: { mean: number }[] };
    expect(summary.cells.map((cell: { mean: number }) => cell.mean)).toEqual(clean.cells.map((cell) => cell.mean));
    expect(summary.totals.samples).toBe(lines.length);
    expect(summary.notes).toContain("30 duplicate sample lines were ignored (written twice by an older capbench).");
    expect(readFileSync(path.join(dir, "report.md"), "utf8")).toContain("30 duplicate sample lines");
    const gate = capbench(["gate", dir, "--min-score", "0"]);
    expect(gate.status, gate.stdout + gate.stderr).toBe(0);
    // A resume of the interrupted run adds what is missing and nothing twice.
    writeFileSync(
      path.join(dir, "run.json"),
      readFileSync(path.join(dir, "run.json"), "utf8").replace('"status": "complete"', '"status": "interrupted"'),
    );
    const resume = capbench(["run", "--resume", dir, "--no-progress"]);
    expect(resume.status, resume.stderr).toBe(0);
    expect(resume.stderr).toContain("30 duplicate sample lines");
    expect(outcomes(readSampleFile(dir))).toEqual(outcomes(readSampleFile(finished)));
  });

  it("say which file and field of a corrupt or wrong-shaped run.json is wrong: exit 2, no stack trace", () => {
    for (const [content, message] of [
      ['{"runId": "x", "config": {', /run\.json: not valid JSON/],
      ['{"runId": "x", "status": 7, "config": {}}', /run\.json: status: /],
      ['{"runId": "x", "config": {"models": [{"id": "m", "tier": "top"}]}}', /run\.json: config\.models\[0\]\.tier: /],
    ] as const) {
      const dir = copyOfFinished("corrupt");
      writeFileSync(path.join(dir, "run.json"), content);
      for (const args of [
        ["report", dir],
        ["gate", dir, "--min-score", "0"],
        ["run", "--resume", dir],
        ["compare", dir, finished],
      ]) {
        const result = capbench(args);
        expect(result.status, `${args[0]}: ${result.stderr}`).toBe(2);
        expect(result.stderr).toMatch(message);
        noStack(result.stderr);
      }
    }
  });

  it("report a truncated traces file per sample instead of failing; merge refuses it by name", () => {
    const dir = copyOfFinished("truncated");
    const traces = path.join(dir, "traces", "traces.jsonl");
    truncateSync(traces, Math.floor(statSync(traces).size / 2));
    const report = capbench(["report", dir]);
    expect(report.status, report.stderr).toBe(0);
    noStack(report.stderr);
    expect(readFileSync(path.join(dir, "report.html"), "utf8").length).toBeGreaterThan(1000);

    const shards = [1, 2].map((index) => path.join(tempDir(), `shard-${index}`));
    for (const [index, shard] of shards.entries()) {
      const result = capbench([
        "run",
        "--suite",
        "arith",
        "--models",
        "sim:low",
        "--shard",
        `${index + 1}/2`,
        ...QUIET,
        "--out",
        shard,
      ]);
      expect(result.status, result.stderr).toBe(0);
    }
    truncateSync(path.join(shards[1]!, "traces", "traces.jsonl"), 100);
    const merge = capbench(["merge", ...shards, "--out", path.join(tempDir(), "merged")]);
    expect(merge.status).toBe(2);
    expect(merge.stderr).toMatch(
      /shard 2\/2 .*: sample .*: its trace cannot be read \(traces\/traces\.jsonl is cut short \(truncated\)\)/,
    );
    noStack(merge.stderr);
  });
});

/** Mounting a tmpfs needs root and a mount namespace; where the machine allows neither, that test is skipped. */
const canMount =
  spawnSync("unshare", ["-m", "--propagation", "private", "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", "/mnt"], {
    timeout: 10_000,
  }).status === 0;

describe("report writing", () => {
  it.skipIf(!canMount)("into a read-only directory is exit 2 naming it; the samples stay as they were", () => {
    const work = tempDir();
    const mount = path.join(work, "ro");
    const script = `
      set -u
      mkdir -p ${mount}
      mount -t tmpfs -o size=16m tmpfs ${mount}
      cp -a ${finished} ${mount}/run
      before=$(sha256sum < ${mount}/run/samples.jsonl)
      mount -o remount,ro ${mount}
      "${process.execPath}" "${BIN}" report ${mount}/run > /dev/null 2> ${work}/report.err
      echo "report=$?"
      [ "$before" = "$(sha256sum < ${mount}/run/samples.jsonl)" ] && echo "unchanged=yes"
    `;
    const result = spawnSync("unshare", ["-m", "--propagation", "private", "bash", "-c", script], {
      encoding: "utf8",
      timeout: 120_000,
      cwd: ROOT,
    });
    expect(result.stdout, result.stderr).toContain("report=2\n");
    expect(result.stdout).toContain("unchanged=yes\n");
    const stderr = readFileSync(path.join(work, "report.err"), "utf8");
    expect(stderr).toMatch(/\/run: cannot write summary\.json \(the file system is read-only\); the samples are kept/);
    noStack(stderr);
  });
});
