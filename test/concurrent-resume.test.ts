// One writer, always: two `capbench run --resume DIR` started together on a crashed run (its
// lock left by a dead process, so both race to recover it), 20 times. Exactly one proceeds; the
// other refuses naming it (or, if it came late, finds nothing to resume); no sample is written
// twice; and the samples are those of an uninterrupted run.
import { spawn } from "node:child_process";
import { cpSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SampleRecord } from "../src/types.js";
import { BIN, capbench, readSampleFile, ROOT, startCapbench, tempDir } from "./cli-helpers.js";

const RUN = [
  "run",
  "--suite",
  "arith",
  "--harness",
  "test/fixtures/slow-harness.ts",
  "--models",
  "sim:low,sim:mid,sim:frontier",
  "--epochs",
  "2",
  "--concurrency",
  "4",
  "--seed",
  "4",
  "--no-cache",
  "--no-progress",
];
const TOTAL = 32 * 3 * 2;

const outcomes = (records: SampleRecord[]) =>
  new Map(records.map((record) => [record.key, `${record.answer}|${record.score?.value}|${record.stopReason}`]));

function lineCount(file: string): number {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").length - 1 : 0;
}

function resume(dir: string): Promise<{ pid: number; code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, "run", "--resume", dir, "--no-progress"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ pid: child.pid!, code, stderr })));
}

let base = "";
let reference: Map<string, string>;
let crashed = "";

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} missing: build first with npx tsc -p .`);
  base = tempDir("capbench-concurrent-");
  const full = path.join(base, "full");
  const result = capbench([...RUN, "--out", full]);
  expect(result.status, result.stderr).toBe(0);
  reference = outcomes(readSampleFile(full));
  expect(reference.size).toBe(TOTAL);

  // A run killed without warning after some samples: its lock names a process that is gone.
  crashed = path.join(base, "crashed");
  const child = startCapbench([...RUN, "--out", crashed]);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const samples = path.join(crashed, "samples.jsonl");
  for (let attempt = 0; attempt < 6000 && lineCount(samples) < 20; attempt++)
    await new Promise((resolve) => setTimeout(resolve, 5));
  child.kill("SIGKILL");
  await exited;
  expect(lineCount(samples)).toBeGreaterThanOrEqual(20);
  expect(lineCount(samples)).toBeLessThan(TOTAL);
  expect(existsSync(path.join(crashed, ".lock"))).toBe(true);
}, 120_000);

describe("two concurrent resumes of one crashed run", () => {
  it("let exactly one proceed, 20 times out of 20, with no duplicate line and the uninterrupted samples", async () => {
    let refused = 0;
    for (let trial = 0; trial < 20; trial++) {
      const dir = path.join(base, `trial-${trial}`);
      cpSync(crashed, dir, { recursive: true });
      const [first, second] = await Promise.all([resume(dir), resume(dir)]);
      const results = [first, second];
      const proceeded = results.filter((result) => result.code === 0 && !result.stderr.includes("nothing to resume"));
      expect(
        proceeded,
        `trial ${trial}: ${results.map((result) => `${result.code} ${result.stderr}`).join(" / ")}`,
      ).toHaveLength(1);
      const other = results.find((result) => result !== proceeded[0])!;
      if (other.code === 2) {
        refused++;
        expect(other.stderr).toContain(
          `another capbench process (pid ${proceeded[0]!.pid}) is writing this results directory`,
        );
      } else {
        expect(other.code, other.stderr).toBe(0);
        expect(other.stderr).toContain("is already complete; nothing to resume");
      }
      const lines = readFileSync(path.join(dir, "samples.jsonl"), "utf8").split("\n").filter(Boolean);
      const keys = lines.map((line) => (JSON.parse(line) as SampleRecord).key);
      expect(new Set(keys).size, `trial ${trial}: duplicate lines`).toBe(keys.length);
      expect(outcomes(readSampleFile(dir))).toEqual(reference);
      expect(JSON.parse(readFileSync(path.join(dir, "run.json"), "utf8"))).toMatchObject({
        status: "complete",
        counts: { planned: TOTAL, done: TOTAL },
      });
      expect(existsSync(path.join(dir, ".lock"))).toBe(false);
    }
    // The race itself was run: in most trials both processes met at the lock.
    expect(refused).toBeGreaterThan(0);
  }, 600_000);
});
