// Side by side with promptfoo, in one session, against the same fake OpenAI server
// (../shared/bench/fake-openai.mjs): start-up, overhead per sample at zero latency, and wall
// time vs the ideal N·latency/concurrency. Usage:
//   node dist/bench/compare-promptfoo.js [--promptfoo /tmp/pfbench/node_modules/.bin/promptfoo] [--runs 3]
// promptfoo is optional (install it with ../shared/bench/promptfoo-baseline.sh); without it
// only capbench is measured.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
const bin = path.join(root, "dist/src/cli/bin.js");
const argument = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
};
const promptfoo =
  argument("promptfoo") ??
  (existsSync("/tmp/pfbench/node_modules/.bin/promptfoo") ? "/tmp/pfbench/node_modules/.bin/promptfoo" : undefined);
const runs = Number(argument("runs") ?? 3);
const sharedBench = argument("shared") ?? path.resolve(root, "../shared/bench");
const work = mkdtempSync(path.join(os.tmpdir(), "capbench-vs-promptfoo-"));
const quietEnv = {
  ...process.env,
  PROMPTFOO_CONFIG_DIR: path.join(work, "pfconfig"),
  PROMPTFOO_DISABLE_TELEMETRY: "1",
  PROMPTFOO_DISABLE_UPDATE: "1",
  PROMPTFOO_DISABLE_SHARING: "1",
  PROMPTFOO_DISABLE_REMOTE_GENERATION: "1",
  HTTP_PROXY: "http://127.0.0.1:9",
  HTTPS_PROXY: "http://127.0.0.1:9",
  NO_PROXY: "127.0.0.1,localhost",
  NODE_NO_WARNINGS: "1",
  FAKE_KEY: "sk-fake-bench",
  OPENAI_API_KEY: "sk-fake-bench",
};

function timed(command: string, args: string[], cwd = work): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env: quietEnv, encoding: "utf8", maxBuffer: 64 << 20 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  return seconds;
}

async function withServer<T>(latencyMs: number, body: (port: number) => Promise<T> | T): Promise<T> {
  const port = 18_000 + Math.floor(Math.random() * 1000);
  const server = spawn(process.execPath, [path.join(sharedBench, "fake-openai.mjs")], {
    env: { ...process.env, PORT: String(port), LATENCY_MS: String(latencyMs) },
    stdio: "ignore",
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    const up = await fetch(`http://127.0.0.1:${port}/stats`).then(
      () => true,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    return await body(port);
  } finally {
    server.kill();
  }
}

function reverse(text: string): string {
  return [...text].reverse().join("");
}

function capbenchFiles(n: number, port: number, concurrency: number): string {
  const dir = path.join(work, `cb-${n}-${port}`);
  spawnSync("mkdir", ["-p", dir]);
  const lines = [JSON.stringify({ name: "echo", scorer: { type: "includes", caseSensitive: true } })];
  for (let index = 0; index < n; index++)
    lines.push(
      JSON.stringify({
        id: `t${index}`,
        prompt: `Echo this: word${index}`,
        expected: reverse(`Echo this: word${index}`),
      }),
    );
  writeFileSync(path.join(dir, "echo.jsonl"), `${lines.join("\n")}\n`);
  writeFileSync(
    path.join(dir, "capbench.config.json"),
    JSON.stringify({
      suites: ["echo.jsonl"],
      harnesses: ["prompt"],
      models: [
        {
          id: "openai:fake-model",
          tier: "low",
          baseURL: `http://127.0.0.1:${port}/v1`,
          apiKeyEnv: "FAKE_KEY",
          concurrency,
        },
      ],
      concurrency,
      cache: { mode: "disabled" },
    }),
  );
  return dir;
}

function promptfooConfig(n: number, port: number): string {
  const file = path.join(work, `pf-${n}-${port}.yaml`);
  spawnSync(
    process.execPath,
    [path.join(sharedBench, "make-config.mjs"), String(n), file, `http://127.0.0.1:${port}/v1`],
    { env: quietEnv },
  );
  return file;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const report: string[] = [];
const log = (line: string) => {
  report.push(line);
  console.log(line);
};

log(
  `capbench vs ${promptfoo ? "promptfoo" : "(promptfoo not installed: capbench only)"} · ${runs} runs each, interleaved · medians`,
);
const startCapbench: number[] = [];
const startPromptfoo: number[] = [];
for (let run = 0; run < runs + 1; run++) {
  const c = timed(process.execPath, [bin, "--help"]);
  const p = promptfoo ? timed(promptfoo, ["--version"]) : NaN;
  if (run > 0) {
    startCapbench.push(c);
    startPromptfoo.push(p);
  }
}
log(
  `start-up: capbench --help ${median(startCapbench).toFixed(2)} s · promptfoo --version ${median(startPromptfoo).toFixed(2)} s`,
);

/** The server's request phase: first request in to last response out. */
async function serverSpanMs(port: number): Promise<number> {
  const stats = (await (await fetch(`http://127.0.0.1:${port}/stats`)).json()) as { spanMs: number };
  await fetch(`http://127.0.0.1:${port}/stats/reset`, { method: "POST" });
  return stats.spanMs;
}

for (const scenario of [
  { n: 2000, latency: 0, concurrency: 20 },
  { n: 400, latency: 200, concurrency: 20 },
  { n: 2000, latency: 100, concurrency: 50 },
]) {
  await withServer(scenario.latency, async (port) => {
    const cbDir = capbenchFiles(scenario.n, port, scenario.concurrency);
    const pfFile = promptfoo ? promptfooConfig(scenario.n, port) : "";
    const cb: number[] = [];
    const pf: number[] = [];
    const cbSpan: number[] = [];
    const pfSpan: number[] = [];
    await serverSpanMs(port);
    for (let run = 0; run < runs + 1; run++) {
      const c = timed(process.execPath, [bin, "run", "--no-progress", "--out", path.join(cbDir, `out-${run}`)], cbDir);
      const cSpan = await serverSpanMs(port);
      const p = promptfoo
        ? timed(promptfoo, ["eval", "-c", pfFile, "--no-cache", "-j", String(scenario.concurrency)])
        : NaN;
      const pSpan = promptfoo ? await serverSpanMs(port) : NaN;
      if (run > 0) {
        cb.push(c);
        pf.push(p);
        cbSpan.push(cSpan / 1000);
        pfSpan.push(pSpan / 1000);
      }
    }
    const ideal = (scenario.n * scenario.latency) / 1000 / scenario.concurrency;
    const c = median(cb);
    const p = median(pf);
    if (scenario.latency === 0) {
      log(
        `N=${scenario.n}, 0 ms: capbench ${c.toFixed(2)} s (${((c * 1000) / scenario.n).toFixed(2)} ms/sample incl. start-up) · promptfoo ${p.toFixed(2)} s (${((p * 1000) / scenario.n).toFixed(2)} ms/sample) · ratio ${(p / c).toFixed(1)}×`,
      );
    } else {
      log(
        `N=${scenario.n}, ${scenario.latency} ms, C=${scenario.concurrency} (ideal ${ideal.toFixed(1)} s): ` +
          `capbench ${c.toFixed(2)} s = ${(c / ideal).toFixed(2)}× ideal (request phase ${(median(cbSpan) / ideal).toFixed(2)}×) · ` +
          `promptfoo ${p.toFixed(2)} s = ${(p / ideal).toFixed(2)}× ideal (request phase ${(median(pfSpan) / ideal).toFixed(2)}×)`,
      );
    }
  });
}
rmSync(work, { recursive: true, force: true });
