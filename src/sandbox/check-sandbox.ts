import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { UsageError } from "../errors.js";
import { bwrapArguments } from "./bwrap-arguments.js";
import { SANDBOX_DEFAULTS, type SandboxMode } from "./sandbox-types.js";

const execFileAsync = promisify(execFile);

/** What the local bubblewrap can do, probed once per process. */
export interface BwrapFeatures {
  /** `--disable-userns` (bwrap ≥ 0.8). */
  disableUserns: boolean;
  /** `--size` for tmpfs (bwrap ≥ 0.5). */
  tmpfsSize: boolean;
  /** Install prefix of this Node when it lives outside /usr (bound read-only so `node` runs). */
  nodePrefix: string | null;
  /**
   * When capbench runs as root, the sandbox drops to this uid with setpriv: the kernel does not
   * enforce the process limit for root, so a fork bomb would only be stopped by the pid
   * namespace's 32k cap. Null when not root.
   */
  dropToUid: number | null;
}

export interface SandboxCheck {
  mode: SandboxMode;
  /** Set for bwrap mode. */
  features?: BwrapFeatures;
  /** For unsafe mode: the warning the caller prints on every run. */
  warning?: string;
}

export const UNSAFE_WARNING =
  "WARNING: --unsafe-no-sandbox: untrusted code runs WITHOUT isolation (it can read your files, environment and network); only time and output limits apply.";

const NOBODY_UID = 65534;
let bwrapCheck: Promise<SandboxCheck> | null = null;

/** Verifies the sandbox can run; throws a UsageError that says how to fix it. Cached. */
export function checkSandbox(mode: SandboxMode): Promise<SandboxCheck> {
  if (mode === "unsafe-none") return Promise.resolve({ mode, warning: UNSAFE_WARNING });
  bwrapCheck ??= probeBwrap("bwrap").catch((error: unknown) => {
    bwrapCheck = null;
    throw error;
  });
  return bwrapCheck;
}

/** Probes a bubblewrap binary (uncached): its features, and a trial sandbox. */
export async function probeBwrap(bwrap: string): Promise<SandboxCheck> {
  let help: string;
  try {
    const result = await execFileAsync(bwrap, ["--help"], { timeout: 10_000 });
    help = result.stdout + result.stderr;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failure.code === "ENOENT") {
      throw new UsageError(
        "sandbox: bubblewrap (bwrap) is not installed; install it (Debian/Ubuntu: `apt-get install bubblewrap`, Fedora: `dnf install bubblewrap`) or pass --unsafe-no-sandbox to run untrusted code without isolation",
      );
    }
    help = `${failure.stdout ?? ""}${failure.stderr ?? ""}`;
  }
  const isRoot = process.getuid?.() === 0;
  const features: BwrapFeatures = {
    disableUserns: help.includes("--disable-userns"),
    tmpfsSize: help.includes("--size"),
    nodePrefix: process.execPath.startsWith("/usr/") ? null : path.dirname(path.dirname(process.execPath)),
    dropToUid: isRoot && (await hasSetpriv()) ? NOBODY_UID : null,
  };
  const argv = wrapForUid(features, [
    bwrap,
    ...bwrapArguments({
      files: [],
      command: ["true"],
      memoryBytes: SANDBOX_DEFAULTS.memoryBytes,
      maxProcesses: SANDBOX_DEFAULTS.maxProcesses,
      features,
    }),
  ]);
  try {
    await execFileAsync(argv[0]!, argv.slice(1), { timeout: 10_000 });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr || (error as Error).message).trim();
    const first = stderr.split("\n")[0];
    if (
      /namespace|uid map|setting up uid|Operation not permitted|Permission denied/i.test(stderr) &&
      /^(bwrap|setpriv):/m.test(stderr)
    ) {
      throw new UsageError(
        `sandbox: bubblewrap cannot create namespaces here (${first}); enable unprivileged user namespaces (\`sysctl -w kernel.unprivileged_userns_clone=1\`; on Ubuntu 23.10+ also \`sysctl -w kernel.apparmor_restrict_unprivileged_userns=0\`; in Docker run with \`--security-opt seccomp=unconfined --security-opt apparmor=unconfined\`) or pass --unsafe-no-sandbox to run untrusted code without isolation`,
      );
    }
    throw new UsageError(
      `sandbox: a trial run of bubblewrap failed (${first}); fix the installation or pass --unsafe-no-sandbox to run untrusted code without isolation`,
    );
  }
  return { mode: "bwrap", features };
}

/** Prefixes `setpriv` to drop root to an unprivileged uid when the features ask for it. */
export function wrapForUid(features: BwrapFeatures, argv: string[]): string[] {
  if (features.dropToUid === null) return argv;
  const uid = String(features.dropToUid);
  return ["setpriv", `--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", ...argv];
}

async function hasSetpriv(): Promise<boolean> {
  try {
    await execFileAsync("setpriv", ["--version"], { timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}
