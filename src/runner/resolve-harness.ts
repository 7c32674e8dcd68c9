import { existsSync } from "node:fs";
import path from "node:path";
import { createExternalHarness } from "../../harnesses/external-harness.js";
import { EXEC_PREFIX, parseExecRef } from "../../harnesses/external-process/parse-exec-ref.js";
import { builtinHarnesses } from "../../harnesses/index.js";
import { importModule } from "../config/load-config.js";
import { UsageError } from "../errors.js";
import type { Harness } from "../types.js";

export interface ResolvedHarness {
  /** The name results carry, e.g. `agent[context=compact]` or `my-harness`. */
  label: string;
  harness: Harness;
  options: Record<string, string>;
  /** Absolute path for a custom harness module, so a resumed run finds it again. */
  ref: string;
}

/** Parses `name[key=value,key=value]`. */
export function parseHarnessRef(ref: string): { base: string; options: Record<string, string> } {
  const match = /^([^[\]]+?)(?:\[([^\]]*)\])?$/.exec(ref.trim());
  if (!match) throw new UsageError(`harness "${ref}": expected name or name[key=value,...]`);
  const options: Record<string, string> = {};
  for (const pair of (match[2] ?? "").split(",").filter(Boolean)) {
    const [key, ...rest] = pair.split("=");
    if (!key || rest.length === 0) throw new UsageError(`harness "${ref}": option "${pair}" must be key=value`);
    options[key.trim()] = rest.join("=").trim();
  }
  return { base: match[1]!.trim(), options };
}

function isPath(base: string): boolean {
  return base.startsWith(".") || base.startsWith("/") || /\.[cm]?[tj]s$/.test(base);
}

/** Checks variant options against what the harness declares; throws UsageError naming the option. */
export function checkHarnessOptions(ref: string, harness: Harness, options: Record<string, string>): void {
  const accepted = harness.options;
  if (!accepted) return;
  for (const [name, value] of Object.entries(options)) {
    const kind = accepted[name];
    if (kind === undefined) {
      const known = Object.keys(accepted);
      throw new UsageError(
        `harness "${ref}": unknown option "${name}"; ${harness.name} accepts ${known.length ? known.join(", ") : "no options"}`,
      );
    }
    if (kind === "integer" && !/^\d+$/.test(value))
      throw new UsageError(`harness "${ref}": option ${name} must be a whole number ≥ 0, got "${value}"`);
    if (Array.isArray(kind) && !kind.includes(value))
      throw new UsageError(`harness "${ref}": option ${name} must be one of ${kind.join(", ")}, got "${value}"`);
  }
}

export async function resolveHarness(ref: string, baseDir: string): Promise<ResolvedHarness> {
  // `exec:python3 agent.py`: an external command behind the gateway (see docs/external-harness.md).
  if (ref.trim().startsWith(EXEC_PREFIX)) {
    const harness = createExternalHarness({ ...parseExecRef(ref), baseDir });
    return { label: harness.name, harness, options: {}, ref: ref.trim() };
  }
  const { base, options } = parseHarnessRef(ref);
  const suffix = Object.keys(options).length
    ? `[${Object.entries(options)
        .map(([key, value]) => `${key}=${value}`)
        .join(",")}]`
    : "";
  if (!isPath(base)) {
    const harness = builtinHarnesses[base];
    if (!harness)
      throw new UsageError(
        `harness "${base}": unknown; built-in harnesses are ${Object.keys(builtinHarnesses).join(", ")}, or give a path to a module`,
      );
    checkHarnessOptions(ref, harness, options);
    return { label: `${base}${suffix}`, harness, options, ref };
  }
  const file = path.resolve(baseDir, base);
  if (!existsSync(file)) throw new UsageError(`harness "${base}": file not found (${file})`);
  let harness: Harness;
  try {
    harness = (await importModule(file)) as Harness;
  } catch (error) {
    throw new UsageError(`${base}: could not load harness module: ${(error as Error).message.split("\n")[0]}`);
  }
  if (!harness || typeof harness.name !== "string" || typeof harness.run !== "function") {
    throw new UsageError(`${base}: default export must be defineHarness({ name, run })`);
  }
  checkHarnessOptions(ref, harness, options);
  return { label: `${harness.name}${suffix}`, harness, options, ref: `${file}${suffix ? suffix : ""}` };
}
