import fs from "node:fs";
import path from "node:path";
import type { BwrapFeatures } from "./check-sandbox.js";
import { SANDBOX_DEFAULTS } from "./sandbox-types.js";

export interface BwrapArgumentsOptions {
  /** Relative paths of the files, in the order their contents are fed on fds `firstFileFd`, `firstFileFd` + 1, …. */
  files: string[];
  /** Default 3. Other inherited fds (a private channel below this one) pass through to the command. */
  firstFileFd?: number;
  command: string[];
  memoryBytes: number;
  maxProcesses: number;
  features: BwrapFeatures;
}

export const SANDBOX_WORK_DIR = "/work";
export const SANDBOX_PATH = "/usr/local/bin:/usr/bin:/bin";

/** Small read-only pieces of /etc that programs commonly need; nothing that names users. */
const ETC_FILES = ["/etc/ld.so.cache", "/etc/localtime", "/etc/alternatives"];

/**
 * The bwrap argv: a read-only /usr, no network or other shared namespace, an empty
 * environment, no home, a size-limited tmpfs work directory filled from the given fds, and the
 * command under prlimit (process and memory limits set inside the new user namespace, where
 * the process count is per namespace). No capabilities, even when bwrap runs as root: without
 * CAP_SYS_PTRACE a process cannot read another's memory or file descriptors once that one has
 * made itself non-dumpable, which the code verifier relies on.
 */
export function bwrapArguments(options: BwrapArgumentsOptions): string[] {
  const args = [
    "--unshare-all",
    "--unshare-user",
    "--cap-drop",
    "ALL",
    "--die-with-parent",
    "--new-session",
    "--clearenv",
  ];
  if (options.features.disableUserns) args.push("--disable-userns");
  args.push("--setenv", "PATH", extraPath(options.features.nodePrefix) + SANDBOX_PATH);
  args.push("--setenv", "HOME", "/tmp", "--setenv", "LANG", "C.UTF-8", "--setenv", "PYTHONDONTWRITEBYTECODE", "1");
  args.push("--ro-bind", "/usr", "/usr");
  for (const link of ["bin", "lib", "lib64", "sbin", "lib32", "libx32"]) {
    const target = systemLink(link);
    if (target) args.push("--symlink", target, `/${link}`);
    else if (fs.existsSync(`/${link}`)) args.push("--ro-bind", `/${link}`, `/${link}`);
  }
  for (const file of ETC_FILES) if (fs.existsSync(file)) args.push("--ro-bind", file, file);
  if (options.features.nodePrefix) args.push("--ro-bind", options.features.nodePrefix, options.features.nodePrefix);
  args.push("--proc", "/proc", "--dev", "/dev");
  if (options.features.tmpfsSize) args.push("--size", String(SANDBOX_DEFAULTS.workDirBytes));
  args.push("--tmpfs", "/tmp");
  if (options.features.tmpfsSize) args.push("--size", String(SANDBOX_DEFAULTS.workDirBytes));
  args.push("--tmpfs", SANDBOX_WORK_DIR);
  const directories = new Set(options.files.flatMap((file) => parentDirectories(file)));
  for (const directory of [...directories].sort()) args.push("--dir", path.posix.join(SANDBOX_WORK_DIR, directory));
  const firstFileFd = options.firstFileFd ?? 3;
  options.files.forEach((file, index) => {
    args.push("--file", String(firstFileFd + index), path.posix.join(SANDBOX_WORK_DIR, file));
  });
  args.push("--chdir", SANDBOX_WORK_DIR);
  args.push(
    "prlimit",
    `--nproc=${options.maxProcesses}`,
    `--as=${options.memoryBytes}`,
    `--fsize=${SANDBOX_DEFAULTS.workDirBytes}`,
    "--core=0",
    "--",
    ...options.command,
  );
  return args;
}

function parentDirectories(file: string): string[] {
  const parts = file.split("/").slice(0, -1);
  return parts.map((_, index) => parts.slice(0, index + 1).join("/"));
}

function extraPath(nodePrefix: string | null): string {
  return nodePrefix ? `${nodePrefix}/bin:` : "";
}

/** `usr/bin` when /bin is the merged-/usr symlink, else null. */
function systemLink(name: string): string | null {
  try {
    return fs.readlinkSync(`/${name}`);
  } catch {
    return null;
  }
}
