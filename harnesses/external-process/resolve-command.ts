import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../../src/errors.js";

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The program of a harness command: a path (anything with a slash) is resolved from the
 * config's folder; a bare name is looked up on PATH now, so a missing interpreter stops the
 * run before it starts (exit 2) instead of failing every sample.
 */
export function resolveCommand(
  program: string,
  options: { baseDir: string; path: string | undefined; label: string },
): string {
  if (program.includes("/") || program.includes(path.sep)) {
    const file = path.resolve(options.baseDir, program);
    if (!isExecutableFile(file)) throw new UsageError(`harness "${options.label}": ${file} is not an executable file`);
    return file;
  }
  for (const directory of (options.path ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(directory, program);
    if (isExecutableFile(candidate)) return candidate;
  }
  throw new UsageError(`harness "${options.label}": command "${program}" was not found on PATH`);
}
