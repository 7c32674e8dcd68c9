import { readTrace } from "../src/store/trace-file.js";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/run-cli.js";
import type { SampleRecord } from "../src/types.js";
import { readSampleFile, ROOT, tempDir } from "./cli-helpers.js";

const RUN = [
  "run",
  "--suite",
  "arith",
  "--models",
  "sim:low,sim:mid,sim:frontier",
  "--epochs",
  "2",
  "--seed",
  "5",
  "--no-progress",
  "--no-cache",
];

async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: ROOT,
    env: {},
  });
  return { code, stdout, stderr };
}

/** Every number of a summary, by JSON path, minus what differs between any two runs (ids, clocks, latency). */
function numbersOf(summary: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (value: unknown, where: string) => {
    if (["runId", "startedAt", "endedAt", "latencyMsMean"].includes(where.split(".").at(-1)!)) return;
    if (typeof value === "object" && value !== null)
      for (const [key, inner] of Object.entries(value)) walk(inner, `${where}.${key}`);
    else out.set(where, value);
  };
  walk(summary, "");
  return out;
}

let base = "";
let full = "";
const shards: string[] = [];

beforeAll(async () => {
  base = tempDir("capbench-merge-");
  full = path.join(base, "full");
  expect((await cli([...RUN, "--out", full])).code).toBe(0);
  for (let index = 1; index <= 3; index++) {
    const dir = path.join(base, `shard-${index}`);
    const result = await cli([...RUN, "--shard", `${index}/3`, "--out", dir]);
    expect(result.code, result.stderr).toBe(0);
    shards.push(dir);
  }
}, 120_000);

describe("capbench merge", () => {
  it("splits the samples across the shards with no overlap", () => {
    const keys = shards.map((dir) => readSampleFile(dir).map((sample) => sample.key));
    for (const shard of keys) expect(shard.length).toBeGreaterThan(0);
    const union = keys.flat();
    expect(new Set(union).size).toBe(union.length);
    expect(new Set(union)).toEqual(new Set(readSampleFile(full).map((sample) => sample.key)));
  });

  it("gives the same summary.json numbers as the unsharded run, and gate treats it the same", async () => {
    const merged = path.join(base, "merged");
    const result = await cli(["merge", shards[2]!, shards[0]!, shards[1]!, "--out", merged]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Merged 3 shards, 192 samples");

    const expected = numbersOf(JSON.parse(readFileSync(path.join(full, "summary.json"), "utf8")));
    const actual = numbersOf(JSON.parse(readFileSync(path.join(merged, "summary.json"), "utf8")));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    expect(expected.size).toBeGreaterThan(100);
    for (const [where, value] of expected) {
      const other = actual.get(where);
      // Equal; floats only up to summation order (the logistic fit adds in sample order).
      if (typeof value === "number" && typeof other === "number" && !Number.isInteger(value))
        expect(other, where).toBeCloseTo(value, 9);
      else expect(other, where).toEqual(value);
    }

    const info = JSON.parse(readFileSync(path.join(merged, "run.json"), "utf8"));
    expect(info).toMatchObject({ status: "complete", shard: null, counts: { planned: 192, done: 192, errors: 0 } });
    expect(info.mergedFrom.map((entry: { shard: { index: number } }) => entry.shard.index)).toEqual([1, 2, 3]);
    for (const sample of readSampleFile(merged)) expect(readTrace(merged, sample)?.key).toBe(sample.key);
    expect(readFileSync(path.join(merged, "report.md"), "utf8")).toContain("arith");

    const rules = ["--min-score", "frontier=0.5", "--require-scaling", "--max-error-rate", "0", "--baseline", full];
    const gateFull = await cli(["gate", full, ...rules]);
    const gateMerged = await cli(["gate", merged, ...rules]);
    expect(gateMerged.code).toBe(0);
    const checkLines = (text: string) => text.split("\n").slice(1);
    expect(checkLines(gateMerged.stdout)).toEqual(checkLines(gateFull.stdout));
  });

  it("refuses shards of different configs, missing or repeated shards, and a non-empty --out", async () => {
    const otherSeed = path.join(base, "other-seed-3");
    expect(
      (await cli([...RUN.map((arg) => (arg === "5" ? "6" : arg)), "--shard", "3/3", "--out", otherSeed])).code,
    ).toBe(0);
    const mixed = await cli(["merge", shards[0]!, shards[1]!, otherSeed, "--out", path.join(base, "m1")]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/run with a different config .*: seed is 6 there and 5 here/);

    const missing = await cli(["merge", shards[0]!, shards[1]!, "--out", path.join(base, "m2")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing shard 3/3");

    const twice = await cli(["merge", shards[0]!, shards[1]!, shards[1]!, shards[2]!, "--out", path.join(base, "m3")]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("shard 2/3 given twice");

    const notEmpty = await cli(["merge", ...shards, "--out", full]);
    expect(notEmpty.code).toBe(2);
    expect(notEmpty.stderr).toContain("exists and is not empty");

    const unsharded = await cli(["merge", full, shards[0]!, "--out", path.join(base, "m4")]);
    expect(unsharded.code).toBe(2);
    expect(unsharded.stderr).toContain("not a shard");
  });

  it("detects duplicate and missing samples before writing anything", async () => {
    const copies = shards.map((dir, index) => {
      const copy = path.join(base, `copy-${index + 1}`);
      cpSync(dir, copy, { recursive: true });
      return copy;
    });
    const stolen = readFileSync(path.join(copies[0]!, "samples.jsonl"), "utf8").split("\n")[0]!;
    const second = path.join(copies[1]!, "samples.jsonl");
    const original = readFileSync(second, "utf8");
    writeFileSync(second, `${original}${stolen}\n`);
    const duplicate = await cli(["merge", ...copies, "--out", path.join(base, "d1")]);
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toMatch(/duplicate sample arith\|.* in shard 1\/3 and in shard 2\/3/);

    const lines = original.split("\n").filter(Boolean);
    writeFileSync(second, `${lines.slice(0, -2).join("\n")}\n`);
    const short = await cli(["merge", ...copies, "--out", path.join(base, "d2")]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain(`2 of its ${lines.length} planned samples are missing`);

    const interrupted = path.join(copies[2]!, "run.json");
    writeFileSync(second, original);
    writeFileSync(
      interrupted,
      readFileSync(interrupted, "utf8").replace('"status": "partial"', '"status": "interrupted"'),
    );
    const unfinished = await cli(["merge", ...copies, "--out", path.join(base, "d3")]);
    expect(unfinished.code).toBe(2);
    expect(unfinished.stderr).toMatch(/shard 3\/3 is not finished .*capbench run --resume/);
    const keys = (records: SampleRecord[]) => records.map((record) => record.key);
    expect(keys(readSampleFile(copies[0]!))).toEqual(keys(readSampleFile(shards[0]!)));
    for (const out of ["d1", "d2", "d3"]) expect(existsSync(path.join(base, out))).toBe(false);
  });
});
