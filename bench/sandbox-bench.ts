// Throughput of the sandbox: score all 164 canonical HumanEval solutions through the real
// importer + code-tests scorer (bwrap, and unsafe-none for the cost of bwrap alone), next to
// the same 164 programs run by a plain sequential `python3` loop with no sandbox.
// Run: npm run build && node dist/bench/sandbox-bench.js
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildProgram, codeTestsExpected } from "../scorers/code-tests-scorer.js";
import { configureSandbox } from "../src/sandbox/index.js";
import type { SandboxMode } from "../src/sandbox/index.js";
import { importHumanEval } from "../suites/importers/humaneval-importer.js";

export interface SandboxBenchOptions {
  /** Folder holding humaneval/HumanEval.jsonl.gz. Default: ../shared/data from the project root. */
  dataDir?: string;
  /** Sandboxed programs at once. Default: one per core. */
  concurrency?: number;
}

export interface SandboxBenchRow {
  label: string;
  programs: number;
  passed: number;
  wallMs: number;
  msPerProgram: number;
  /**
   * CPU (user + system) of every process the row ran, per program: unlike wall time, hardly moved
   * by other load on the machine. Null under bwrap: processes reaped inside its PID namespace are
   * charged to no one outside it, so our children's CPU does not see them.
   */
  cpuMsPerProgram: number | null;
}

export interface SandboxBenchResult {
  cores: number;
  rows: SandboxBenchRow[];
  /** bwrap scoring wall time ÷ plain python3 loop wall time. */
  ratioBwrapToPlainLoop: number;
  /** bwrap at concurrency 1 ÷ plain loop (both one program at a time): the per-program overhead. */
  ratioBwrapSequentialToPlainLoop: number;
  /** CPU per program, the verifier without the sandbox (judge + code process) ÷ plain loop. */
  cpuRatioVerifierToPlainLoop: number;
}

export async function runSandboxBench(options: SandboxBenchOptions = {}): Promise<SandboxBenchResult> {
  const dataDir = options.dataDir ?? path.join(projectRoot(), "../shared/data");
  const cores = os.availableParallelism();
  const concurrency = options.concurrency ?? cores;
  const suite = await importHumanEval(path.join(dataDir, "humaneval/HumanEval.jsonl.gz"), { seed: 1 });
  const answers = suite.tasks.map((task) => String(task.metadata!.referenceSolution));

  const scored = async (label: string, mode: SandboxMode, slots: number): Promise<SandboxBenchRow> => {
    configureSandbox({ mode, concurrency: slots });
    const started = performance.now();
    const cpuBefore = childrenCpuMs();
    const scores = await Promise.all(
      suite.tasks.map((task, index) => suite.scorer.score({ task, answer: answers[index]! })),
    );
    return row(
      label,
      scores.filter((score) => score.pass).length,
      performance.now() - started,
      childrenCpuMs() - cpuBefore,
    );
  };
  const row = (label: string, passed: number, wallMs: number, cpuMs: number): SandboxBenchRow => ({
    label,
    programs: suite.tasks.length,
    passed,
    wallMs: Math.round(wallMs),
    msPerProgram: Math.round((wallMs / suite.tasks.length) * 10) / 10,
    cpuMsPerProgram: label.includes("bwrap") ? null : Math.round((cpuMs / suite.tasks.length) * 10) / 10,
  });

  try {
    await scored("warm-up (bwrap)", "bwrap", concurrency);
    const rows = [
      await scored(`capbench code-tests, bwrap, ${concurrency} at a time`, "bwrap", concurrency),
      await scored("capbench code-tests, bwrap, 1 at a time", "bwrap", 1),
      await scored(`capbench code-tests, unsafe-none, ${concurrency} at a time`, "unsafe-none", concurrency),
      plainLoop(
        suite.tasks.map((task, index) => buildProgram("python", codeTestsExpected(task), answers[index]!)),
        row,
      ),
    ];
    const plain = rows[3]!.wallMs;
    return {
      cores,
      rows,
      ratioBwrapToPlainLoop: Math.round((rows[0]!.wallMs / plain) * 100) / 100,
      ratioBwrapSequentialToPlainLoop: Math.round((rows[1]!.wallMs / plain) * 100) / 100,
      cpuRatioVerifierToPlainLoop: Math.round((rows[2]!.cpuMsPerProgram! / rows[3]!.cpuMsPerProgram!) * 100) / 100,
    };
  } finally {
    configureSandbox({ mode: "bwrap", concurrency: cores });
  }
}

/** The baseline: one python3 process per program, one after another, no isolation. */
function plainLoop(
  programs: string[],
  row: (label: string, passed: number, wallMs: number, cpuMs: number) => SandboxBenchRow,
): SandboxBenchRow {
  const dir = mkdtempSync(path.join(os.tmpdir(), "capbench-plain-"));
  try {
    programs.forEach((program, index) => writeFileSync(path.join(dir, `p${index}.py`), program));
    const loop = [
      "import subprocess, sys, time",
      "n = int(sys.argv[2]); passed = 0; t = time.perf_counter()",
      "for i in range(n):",
      "    r = subprocess.run(['/usr/bin/python3', f'{sys.argv[1]}/p{i}.py'], capture_output=True, timeout=10)",
      "    passed += r.returncode == 0",
      "print(passed, (time.perf_counter() - t) * 1000)",
    ].join("\n");
    const cpuBefore = childrenCpuMs();
    const [passed, wallMs] = execFileSync("/usr/bin/python3", ["-c", loop, dir, String(programs.length)], {
      encoding: "utf8",
    })
      .trim()
      .split(" ")
      .map(Number);
    return row("plain python3 loop, no sandbox, 1 at a time", passed!, wallMs!, childrenCpuMs() - cpuBefore);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU of this process's waited-for descendants so far (cutime + cstime of /proc/self/stat; USER_HZ = 100). */
function childrenCpuMs(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runSandboxBench();
  console.log(`sandbox bench (${result.cores} cores): 164 canonical HumanEval solutions`);
  for (const entry of result.rows)
    console.log(
      `  ${entry.label}: ${entry.passed}/${entry.programs} passed, ${entry.wallMs} ms (${entry.msPerProgram} ms/program, CPU ${entry.cpuMsPerProgram === null ? "not visible under bwrap" : `${entry.cpuMsPerProgram} ms/program`})`,
    );
  console.log(`  ratio bwrap (${result.cores} at a time) / plain loop: ${result.ratioBwrapToPlainLoop}`);
  console.log(`  ratio bwrap (1 at a time) / plain loop: ${result.ratioBwrapSequentialToPlainLoop}`);
}
