// Fault tolerance of a run, through the built CLI (build first: npx tsc -p .): SIGKILL at random
// points then --resume, a full disk, a read-only results directory, and two writers at once.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createSeededRandom } from "../src/random/seeded-random.js";
import { readTrace } from "../src/store/trace-file.js";
import type { SampleRecord } from "../src/types.js";
import { BIN, capbench, readSampleFile, startCapbench, tempDir } from "./cli-helpers.js";

function runArgs(epochs: number): string[] {
  return [
    "run",
    "--suite",
    "arith",
    "--models",
    "sim:low,sim:mid,sim:frontier",
    "--epochs",
    String(epochs),
    "--concurrency",
    "2",
    "--seed",
    "4",
    "--no-cache",
    "--no-progress",
  ];
}
const RUN = runArgs(12);
const TOTAL = 32 * 3 * 12;

/** key → answer|score: what must come out the same however often the run was interrupted. */
function outcomes(records: SampleRecord[]): Map<string, string> {
  return new Map(records.map((record) => [record.key, `${record.answer}|${record.score?.value}|${record.stopReason}`]));
}

function lineCount(file: string): number {
  if (!existsSync(file)) return 0;
  return readFileSync(file, "utf8").split("\n").length - 1;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return condition();
}

/** Lines of samples.jsonl; at most the last may be torn (a crash mid-append), never one in the middle. */
function completeSamples(dir: string): SampleRecord[] {
  const lines = readFileSync(path.join(dir, "samples.jsonl"), "utf8").split("\n");
  const tail = lines.pop()!;
  const records = lines.map((line) => JSON.parse(line) as SampleRecord);
  if (tail !== "") expect(() => JSON.parse(tail)).toThrow();
  return records;
}

/** Runs a shell script in a private mount namespace (as root), so it can mount a tmpfs of its own. */
function inMountNamespace(script: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync("unshare", ["-m", "--propagation", "private", "bash", "-c", `set -u\n${script}`], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Mounting a tmpfs needs root and a mount namespace; where the machine allows neither, those tests are skipped. */
const canMount =
  spawnSync("unshare", ["-m", "--propagation", "private", "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", "/mnt"], {
    timeout: 10_000,
  }).status === 0;
if (!canMount)
  console.warn(
    "fault-tolerance.test.ts: cannot mount a tmpfs in a mount namespace here (needs root); the disk-full and read-only tests are skipped",
  );

let reference: Map<string, string>;
let base = "";

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} missing: build first with npx tsc -p .`);
  base = tempDir("capbench-faults-");
  const full = path.join(base, "full");
  const result = capbench([...RUN, "--out", full]);
  expect(result.status, result.stderr).toBe(0);
  reference = outcomes(readSampleFile(full));
  expect(reference.size).toBe(TOTAL);
}, 120_000);

describe("fault tolerance", () => {
  it("a run killed with SIGKILL at random points and resumed ends as if never interrupted", async () => {
    const random = createSeededRandom(7, "fault-tolerance kill points");
    for (let trial = 0; trial < 3; trial++) {
      const dir = path.join(base, `killed-${trial}`);
      const samples = path.join(dir, "samples.jsonl");
      // One or two kills per trial, each after a random number of finished samples.
      const kills = 1 + (trial % 2);
      let resumeArgs = [...RUN, "--out", dir];
      let killedAt = 0;
      for (let kill = 0; kill < kills; kill++) {
        const threshold = killedAt + 1 + Math.floor(random() * (TOTAL - killedAt) * 0.6);
        const child = startCapbench(resumeArgs);
        const exited = new Promise((resolve) => child.once("exit", resolve));
        await waitFor(() => lineCount(samples) >= threshold, 30_000);
        child.kill("SIGKILL");
        await exited;
        killedAt = lineCount(samples);
        expect(killedAt, `trial ${trial}: killed before the run ended`).toBeLessThan(TOTAL);
        expect(JSON.parse(readFileSync(path.join(dir, "run.json"), "utf8")).status).toBe("running");
        resumeArgs = ["run", "--resume", dir, "--no-progress"];
      }
      const resumed = capbench(resumeArgs);
      expect(resumed.status, resumed.stderr).toBe(0);
      const records = readSampleFile(dir);
      expect(records).toHaveLength(TOTAL);
      expect(outcomes(records)).toEqual(reference);
      const info = JSON.parse(readFileSync(path.join(dir, "run.json"), "utf8"));
      expect(info).toMatchObject({ status: "complete", counts: { planned: TOTAL, done: TOTAL } });
      expect(existsSync(path.join(dir, ".lock"))).toBe(false);
    }
  }, 180_000);

  it.skipIf(!canMount)(
    "a full disk stops the run at once with exit 2; finished samples keep their traces; resume completes it",
    () => {
      const out = path.join(base, "enospc");
      const mount = path.join(base, "small-disk");
      const result = inMountNamespace(`
      mkdir -p ${mount} ${out}
      mount -t tmpfs -o size=256k tmpfs ${mount}
      "${process.execPath}" "${BIN}" ${RUN.join(" ")} --out ${mount}/run 2> ${out}/first.err
      echo "first=$?"
      cp -a ${mount}/run ${out}/after-full
      mount -o remount,size=64m ${mount}
      "${process.execPath}" "${BIN}" run --resume ${mount}/run --no-progress > /dev/null 2> ${out}/resume.err
      echo "resume=$?"
      cp -a ${mount}/run ${out}/resumed
    `);
      expect(result.stdout, result.stderr).toContain("first=2\n");
      expect(readFileSync(path.join(out, "first.err"), "utf8")).toMatch(
        /^capbench: .*\/run: cannot write results \(the disk is full\); .*Samples already written are kept\.\n$/,
      );

      const kept = completeSamples(path.join(out, "after-full"));
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.length).toBeLessThan(TOTAL);
      for (const record of kept) {
        expect(reference.get(record.key)).toBe(outcomes([record]).get(record.key));
        expect(readTrace(path.join(out, "after-full"), record)?.key).toBe(record.key);
      }

      expect(result.stdout, readFileSync(path.join(out, "resume.err"), "utf8")).toContain("resume=0\n");
      const resumed = readSampleFile(path.join(out, "resumed"));
      expect(resumed).toHaveLength(TOTAL);
      expect(outcomes(resumed)).toEqual(reference);
    },
    120_000,
  );

  it.skipIf(!canMount)(
    "a read-only results directory fails at once with exit 2 and leaves what was written untouched",
    () => {
      const out = path.join(base, "erofs");
      const mount = path.join(base, "ro-disk");
      const result = inMountNamespace(`
      mkdir -p ${mount} ${out}
      mount -t tmpfs -o size=64m tmpfs ${mount}
      "${process.execPath}" "${BIN}" ${RUN.join(" ")} --out ${mount}/run > /dev/null 2>&1 &
      pid=$!
      for i in $(seq 1 3000); do
        [ -f ${mount}/run/samples.jsonl ] && [ "$(wc -l < ${mount}/run/samples.jsonl)" -ge 200 ] && break
        sleep 0.01
      done
      kill -9 $pid; wait $pid 2> /dev/null
      sync
      before=$(cat ${mount}/run/samples.jsonl ${mount}/run/run.json | sha256sum)
      cp -a ${mount}/run ${out}/before
      mount -o remount,ro ${mount}
      start=$(date +%s%N)
      "${process.execPath}" "${BIN}" run --resume ${mount}/run --no-progress > /dev/null 2> ${out}/resume.err
      echo "resume=$?"
      echo "resume_ms=$(( ($(date +%s%N) - start) / 1000000 ))"
      "${process.execPath}" "${BIN}" ${RUN.join(" ")} --out ${mount}/fresh > /dev/null 2> ${out}/fresh.err
      echo "fresh=$?"
      after=$(cat ${mount}/run/samples.jsonl ${mount}/run/run.json | sha256sum)
      [ "$before" = "$after" ] && echo "unchanged=yes"
      mount -o remount,rw ${mount}
      "${process.execPath}" "${BIN}" run --resume ${mount}/run --no-progress > /dev/null 2> ${out}/final.err
      echo "final=$?"
      cp -a ${mount}/run ${out}/final
    `);
      expect(result.stdout, result.stderr).toContain("resume=2\n");
      expect(readFileSync(path.join(out, "resume.err"), "utf8")).toMatch(
        /^capbench: .*\/run: cannot write results \(the file system is read-only\)/,
      );
      // Fails before running any sample: well under the time the run needs (node start-up included).
      expect(Number(/resume_ms=(\d+)/.exec(result.stdout)?.[1])).toBeLessThan(5_000);
      expect(result.stdout).toContain("fresh=2\n");
      expect(readFileSync(path.join(out, "fresh.err"), "utf8")).toContain("the file system is read-only");
      expect(result.stdout).toContain("unchanged=yes\n");

      const before = completeSamples(path.join(out, "before"));
      expect(before.length).toBeGreaterThanOrEqual(200);
      expect(result.stdout, readFileSync(path.join(out, "final.err"), "utf8")).toContain("final=0\n");
      const final = readSampleFile(path.join(out, "final"));
      expect(outcomes(final)).toEqual(reference);
      // What was there before is still there, first, byte for byte (the store only appends).
      const finalText = readFileSync(path.join(out, "final", "samples.jsonl"), "utf8");
      const beforeText = readFileSync(path.join(out, "before", "samples.jsonl"), "utf8");
      expect(finalText.startsWith(beforeText.slice(0, beforeText.lastIndexOf("\n") + 1))).toBe(true);
    },
    120_000,
  );

  it("two runs never write one directory: the second exits 2 naming the first's pid", async () => {
    const dir = path.join(base, "locked");
    // Long enough (tens of seconds) to still be writing when the second one starts; killed below.
    const first = startCapbench([...runArgs(400), "--out", dir]);
    const exited = new Promise((resolve) => first.once("exit", resolve));
    try {
      expect(await waitFor(() => lineCount(path.join(dir, "samples.jsonl")) > 5, 30_000)).toBe(true);
      const sizeBefore = statSync(path.join(dir, "run.json")).size;
      for (const args of [
        [...runArgs(400), "--out", dir],
        ["run", "--resume", dir, "--no-progress"],
      ]) {
        const second = capbench(args);
        expect(second.status).toBe(2);
        expect(second.stderr).toContain(
          `another capbench process (pid ${first.pid}) is writing this results directory`,
        );
      }
      expect(statSync(path.join(dir, "run.json")).size).toBe(sizeBefore);
      expect(first.exitCode).toBeNull();
      expect((JSON.parse(readFileSync(path.join(dir, ".lock"), "utf8")) as { pid: number }).pid).toBe(first.pid);
    } finally {
      first.kill("SIGKILL");
      await exited;
    }
  }, 60_000);
});
