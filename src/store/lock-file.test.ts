import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT } from "../../test/cli-helpers.js";
import { acquireLockFile, LockHeldError } from "./lock-file.js";
import { ownProcessIdentity } from "./process-identity.js";

/** A pid that belonged to a process which has exited (and been collected). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

function staleOwner(pid: number, nonce: string): string {
  return JSON.stringify({ pid, startTime: "1", host: ownProcessIdentity().host, nonce });
}

const dir = () => mkdtempSync(path.join(os.tmpdir(), "capbench-lock-"));

describe("acquireLockFile", () => {
  it("is exclusive in one process, and release removes only its own lock", () => {
    const file = path.join(dir(), ".lock");
    const release = acquireLockFile(file);
    expect(() => acquireLockFile(file)).toThrow(LockHeldError);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ pid: process.pid });
    release();
    expect(existsSync(file)).toBe(false);
    const again = acquireLockFile(file);
    release(); // a stale release handle must not remove the new owner's lock
    expect(existsSync(file)).toBe(true);
    again();
    expect(readdirSync(path.dirname(file))).toEqual([]);
  });

  it("takes over the lock of a dead process, in the current and the older (pid only) format", () => {
    const pid = deadPid();
    for (const content of [staleOwner(pid, "n1"), String(pid), ""]) {
      const folder = dir();
      const file = path.join(folder, ".lock");
      writeFileSync(file, content);
      if (content === "") {
        // An empty lock is being written by an older version: stale only when old.
        expect(() => acquireLockFile(file)).toThrow(/could not take the lock/);
        const old = new Date(Date.now() - 60_000);
        utimesSync(file, old, old);
      }
      const release = acquireLockFile(file);
      expect(JSON.parse(readFileSync(file, "utf8")).pid).toBe(process.pid);
      release();
      expect(readdirSync(folder)).toEqual([]);
    }
  });

  it("recovers a stale claim left by a process that died while removing a stale lock", () => {
    const folder = dir();
    const file = path.join(folder, ".lock");
    const pid = deadPid();
    writeFileSync(file, staleOwner(pid, "dead-owner"));
    writeFileSync(`${file}.dead-owner.break`, staleOwner(pid, "dead-breaker"));
    const release = acquireLockFile(file);
    release();
    expect(readdirSync(folder)).toEqual([]);
  });

  it("refuses while a live process holds it", () => {
    const file = path.join(dir(), ".lock");
    writeFileSync(file, JSON.stringify({ pid: 1, startTime: null, host: ownProcessIdentity().host, nonce: "init" }));
    expect(() => acquireLockFile(file)).toThrow(
      expect.objectContaining({ owner: expect.objectContaining({ pid: 1 }) }),
    );
  });
});

// Real processes racing for one lock, many rounds: exactly one wins each time, whatever state the
// lock was left in (a dead owner's lock in either format, a dead breaker's claim, no lock).
describe("acquireLockFile across processes", () => {
  const contenders: { child: ChildProcessWithoutNullStreams; next: () => Promise<string> }[] = [];
  const modulePath = path.join(ROOT, "dist/src/store/lock-file.js");

  beforeAll(async () => {
    if (!existsSync(BIN)) throw new Error("build first: npx tsc -p tsconfig.json");
    for (let index = 0; index < 5; index++) {
      const child = spawn(process.execPath, [path.join(ROOT, "test/fixtures/lock-contender.js"), modulePath]);
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      const next = async () => {
        const line = await lines.next();
        if (line.done) throw new Error(`contender ${child.pid} exited`);
        return line.value;
      };
      contenders.push({ child, next });
    }
    for (const contender of contenders) expect(await contender.next()).toBe("ready");
  });

  afterAll(() => {
    for (const { child } of contenders) child.stdin.end("exit\n");
  });

  it("gives the lock to exactly one of five processes in each of 50 rounds", async () => {
    const dead = deadPid();
    for (let round = 0; round < 50; round++) {
      const folder = dir();
      const file = path.join(folder, ".lock");
      if (round % 4 === 1) writeFileSync(file, staleOwner(dead, `round-${round}`));
      if (round % 4 === 2) writeFileSync(file, String(dead));
      if (round % 4 === 3) {
        writeFileSync(file, staleOwner(dead, `round-${round}`));
        writeFileSync(`${file}.round-${round}.break`, staleOwner(dead, `breaker-${round}`));
      }
      for (const { child } of contenders) child.stdin.write(`go ${file}\n`);
      const answers = await Promise.all(contenders.map((contender) => contender.next()));
      const winners = contenders.filter((_, index) => answers[index] === "won");
      expect(winners, `round ${round}: ${answers.join(", ")}`).toHaveLength(1);
      const winner = winners[0]!;
      for (const answer of answers.filter((entry) => entry !== "won")) expect(answer).toBe(`held ${winner.child.pid}`);
      expect(JSON.parse(readFileSync(file, "utf8")).pid).toBe(winner.child.pid);
      winner.child.stdin.write("release\n");
      expect(await winner.next()).toBe("released");
      expect(readdirSync(folder)).toEqual([]);
    }
  }, 120_000);
});
