import path from "node:path";
import { createExternalHarness } from "../../harnesses/external-harness.js";
import { EXEC_PREFIX, parseExecRef } from "../../harnesses/external-process/parse-exec-ref.js";
import { checkHarnessOptions } from "../harness-kit/harness-options.js";
import { UsageError } from "../errors.js";
import type { Harness } from "../types.js";
import { builtinRegistry } from "./builtin-registry.js";
import { loadPluginModule } from "./load-plugin-module.js";
import type { Registry } from "./registry.js";

/** A harness as a config or flag names it: `agent[context=compact]`, or an object with typed options. */
export type HarnessRef =
  | string
  | ExternalHarnessRef
  | {
      /** A registered harness name or a module path. */
      harness: string;
      options?: Record<string, string | number | boolean>;
      /** The label results carry. Default: `harness[key=value,…]`. */
      label?: string;
    };

/** An external command as a config names it: `{ name, command: [program, ...args], env? }`. */
export interface ExternalHarnessRef {
  name: string;
  command: string[];
  env?: Record<string, string>;
  description?: string;
}

export function isExternalRef(ref: HarnessRef): ref is ExternalHarnessRef {
  return typeof ref === "object" && "command" in ref;
}

export interface ResolvedHarness {
  /** The name results carry, e.g. `agent[context=compact]` or `my-harness`. */
  label: string;
  harness: Harness;
  options: Record<string, string>;
  /** What a resumed run resolves again: module paths absolute. */
  ref: HarnessRef;
}

/** Parses `name[key=value,key=value]`; `where` names the flag or config field in messages. */
export function parseHarnessRef(
  ref: string,
  where = `harness "${ref}"`,
): { base: string; options: Record<string, string> } {
  const match = /^([^[\]]+?)(?:\[([^\]]*)\])?$/.exec(ref.trim());
  if (!match) throw new UsageError(`${where}: expected name or name[key=value,...]`);
  const options: Record<string, string> = {};
  for (const pair of (match[2] ?? "").split(",").filter(Boolean)) {
    const [key, ...rest] = pair.split("=");
    if (!key || rest.length === 0) throw new UsageError(`${where}: option "${pair}" must be key=value`);
    options[key.trim()] = rest.join("=").trim();
  }
  return { base: match[1]!.trim(), options };
}

/** `exec:…`: an external command (harnesses/external-harness.ts), checked when it is resolved. */
export function isExecRef(ref: HarnessRef): ref is string {
  return typeof ref === "string" && ref.trim().startsWith(EXEC_PREFIX);
}

export function isModulePath(base: string): boolean {
  return base.startsWith(".") || base.startsWith("/") || /\.[cm]?[tj]s$/.test(base);
}

function variantSuffix(options: Record<string, string>): string {
  const pairs = Object.entries(options).map(([key, value]) => `${key}=${value}`);
  return pairs.length ? `[${pairs.join(",")}]` : "";
}

export interface ResolveHarnessContext {
  registry?: Registry;
  /** Module paths resolve here (the config's folder). */
  baseDir: string;
  /** Where the reference was given, for messages: `--harness`, `capbench.config.yaml: harnesses[1]`. */
  where?: string;
  workflows?: Record<string, unknown>;
}

/**
 * Resolves a harness reference through the registry (a module path is loaded and registered
 * first), and checks its variant options and the harness's own option check. Every problem is a
 * UsageError naming where the reference was given: nothing is discovered inside a sample.
 */
export async function resolveHarnessRef(ref: HarnessRef, context: ResolveHarnessContext): Promise<ResolvedHarness> {
  // `exec:python3 agent.py`: an external command behind the gateway (docs/external-harness.md).
  if (isExecRef(ref)) {
    const harness = createExternalHarness({ ...parseExecRef(ref), baseDir: context.baseDir });
    return { label: harness.name, harness, options: {}, ref: ref.trim() };
  }
  if (isExternalRef(ref)) {
    const harness = createExternalHarness({
      name: ref.name,
      command: ref.command,
      ...(ref.env ? { env: ref.env } : {}),
      ...(ref.description ? { description: ref.description } : {}),
      baseDir: context.baseDir,
    });
    return { label: ref.name, harness, options: {}, ref };
  }
  const registry = context.registry ?? builtinRegistry().clone();
  const written = typeof ref === "string" ? ref : ref.harness;
  const where = context.where ? `${context.where} "${written}"` : `harness "${written}"`;
  const parsed =
    typeof ref === "string"
      ? parseHarnessRef(ref, where)
      : {
          base: ref.harness,
          options: Object.fromEntries(Object.entries(ref.options ?? {}).map(([key, value]) => [key, String(value)])),
        };
  let harness: Harness;
  let stored: string = parsed.base;
  if (isModulePath(parsed.base)) {
    const file = path.resolve(context.baseDir, parsed.base);
    const plugins = await loadPluginModule(file, parsed.base, registry);
    const found = plugins.find((plugin) => plugin.kind === "harness");
    if (!found || found.kind !== "harness")
      throw new UsageError(`${parsed.base}: default export must be defineHarness({ name, run })`);
    harness = found.harness;
    stored = file;
  } else {
    harness = registry.get("harness", parsed.base, where).harness;
  }
  checkHarnessOptions(harness, parsed.options, where, { workflows: context.workflows ?? {} });
  const suffix = variantSuffix(parsed.options);
  const label = typeof ref !== "string" && ref.label ? ref.label : `${harness.name}${suffix}`;
  const resolvedRef: HarnessRef =
    typeof ref === "string" ? `${stored}${suffix}` : { ...ref, harness: stored, options: parsed.options };
  return { label, harness, options: parsed.options, ref: resolvedRef };
}
