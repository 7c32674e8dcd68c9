import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCapbenchAsync, readSampleFile, tempDir } from "./cli-helpers.js";
import { closedPort, type FakeServer } from "./servers/fake-server.js";
import { startOpenAIServer } from "./servers/openai-server.js";

// Dead endpoints fail fast and say so, end to end (the built CLI): a refused key stops its model
// at once, a closed port ends in seconds, and a tier that cannot be reached makes the run
// incomplete (exit 3) — its unfinished samples are not recorded, so a resume after the fix
// completes the run with exactly the samples an uninterrupted run has.

const KEY = "sk-test-REFUSED-0123456789";

function capbench(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return runCapbenchAsync(args, cwd, env);
}

const runInfo = (dir: string) => JSON.parse(readFileSync(path.join(dir, "run.json"), "utf8"));
const common = ["run", "--suite", "arith", "--limit", "16", "--no-progress", "--no-cache"];

let server: FakeServer;
beforeAll(async () => {
  server = await startOpenAIServer({ handler: () => ({ error: { status: 401, message: "invalid api key" } }) });
});
afterAll(() => server.close());

describe("dead endpoints", () => {
  it("a refused key stops its model at once; exit 3 names the model and the variable; a resume after the fix completes", async () => {
    const dir = tempDir();
    const out = path.join(dir, "out");
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${server.url}/v1` };
    const models = ["--models", "low=sim:low,frontier=openai:gpt-5-mini"];
    const refused = await capbench([...common, ...models, "--out", out], dir, env);
    expect(refused.status, refused.stderr).toBe(3);
    expect(refused.stderr).toContain("openai:gpt-5-mini stopped:");
    expect(refused.stderr).toContain("OPENAI_API_KEY");
    expect(refused.stderr).not.toContain(KEY);
    // One request per sample already in flight at most (the default concurrency), not one per sample.
    expect(server.requestCount).toBeLessThanOrEqual(8);
    const info = runInfo(out);
    expect(info.status).toBe("incomplete");
    expect(info.deadModels).toEqual([expect.objectContaining({ model: "openai:gpt-5-mini", fatal: "auth" })]);
    // The simulated tier ran; the dead model's samples were not recorded (a fault is never a score).
    const recorded = readSampleFile(out);
    expect(recorded.filter((sample) => sample.model === "sim:low")).toHaveLength(16);
    expect(recorded.filter((sample) => sample.model === "openai:gpt-5-mini")).toHaveLength(0);

    server.setHandler((request) => ({ text: `Answer: ${/\d+/.exec(String(request.body.messages.at(-1).content))}` }));
    const resumed = await capbench(["run", "--resume", out, "--no-progress"], dir, env);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(runInfo(out).status).toBe("complete");
    const all = readSampleFile(out);
    expect(all).toHaveLength(32);
    expect(new Set(all.map((sample) => sample.key)).size).toBe(32);
    expect(all.filter((sample) => sample.error)).toEqual([]);
  });

  it("a closed port ends in seconds with exit 3 naming the model and its URL; the reachable tier's data is kept", async () => {
    const dir = tempDir();
    const out = path.join(dir, "out");
    const port = await closedPort();
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` };
    const models = ["--models", "low=sim:low,mid=sim:mid,frontier=openai:gpt-5-mini"];
    const dead = await capbench([...common, ...models, "--out", out], dir, env);
    expect(dead.status, dead.stderr).toBe(3);
    expect(dead.stderr).toMatch(/openai:gpt-5-mini stopped: .*127\.0\.0\.1:\d+/);
    expect(runInfo(out)).toMatchObject({
      status: "incomplete",
      deadModels: [expect.objectContaining({ fatal: "unreachable" })],
    });
    expect(
      readSampleFile(out)
        .map((sample) => sample.model)
        .sort(),
    ).toEqual([...Array(16).fill("sim:low"), ...Array(16).fill("sim:mid")]);
    // Reports say so; the gate's complete check fails.
    expect(readFileSync(path.join(out, "report.md"), "utf8")).toMatch(/incomplete/i);
    const gate = await capbench(["gate", out, "--min-score", "0"], dir, {});
    expect(gate.status).toBe(1);
    expect(gate.stdout + gate.stderr).toMatch(/complete/);
  });
});
