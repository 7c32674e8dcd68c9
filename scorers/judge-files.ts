import { runInSandbox, type SandboxLanguage, type SandboxMode } from "../src/sandbox/index.js";
import { NODE_JUDGE } from "./code-judge-node.js";
import { PYTHON_JUDGE } from "./code-judge-python.js";

export interface JudgeFiles {
  /** The judge's files in the work directory. */
  files: Record<string, string>;
  command: string[];
  solution: string;
  setup: string;
}

// Compiling the Python judge costs more than running it, and a fresh work directory keeps no
// .pyc: so the sandbox's own python3 compiles it once per process and sandbox mode, and each run
// gets the marshalled code (as base64 text) and a two-line loader.
const LOADER = 'import binascii, marshal\nexec(marshal.loads(binascii.a2b_base64(open("judge.b64").read())))\n';
const COMPILE =
  'import binascii, marshal, sys\nsys.stdout.write(binascii.b2a_base64(marshal.dumps(compile(open("judge.py").read(), "judge.py", "exec"))).decode())';
const PYTHON = ["python3", "-I", "-B"];
const compiled = new Map<SandboxMode, Promise<string | null>>();

/** The judge for a language; Python's precompiled by the sandbox's python3 when it can be. */
export async function judgeFiles(language: SandboxLanguage, mode: SandboxMode): Promise<JudgeFiles> {
  if (language === "node") {
    return {
      files: { "judge.js": NODE_JUDGE },
      command: ["node", "--experimental-vm-modules", "--disable-warning=ExperimentalWarning", "judge.js"],
      solution: "solution.js",
      setup: "setup.js",
    };
  }
  if (!compiled.has(mode))
    compiled.set(
      mode,
      compilePythonJudge(mode).catch((error: unknown) => {
        compiled.delete(mode); // An unusable sandbox is reported by the run itself; try again next time.
        throw error;
      }),
    );
  const code = await compiled.get(mode)!;
  return {
    files: code ? { "judge.py": LOADER, "judge.b64": code } : { "judge.py": PYTHON_JUDGE },
    command: [...PYTHON, "judge.py"],
    solution: "solution.py",
    setup: "setup.py",
  };
}

async function compilePythonJudge(mode: SandboxMode): Promise<string | null> {
  const result = await runInSandbox({
    language: "python",
    files: { "judge.py": PYTHON_JUDGE },
    command: [...PYTHON, "-c", COMPILE],
    maxOutputBytes: 4 * 1024 * 1024,
    mode,
  });
  // Any trouble: run from source, which is only slower.
  return result.exitCode === 0 && /^[A-Za-z0-9+/=\n]+$/.test(result.stdout) ? result.stdout : null;
}
