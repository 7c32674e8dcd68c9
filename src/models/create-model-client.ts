import type { ModelClient, ModelSpec } from "../types.js";
import { UsageError } from "../errors.js";
import { createSimModel } from "./sim/sim-model.js";

export interface ModelClientOptions {
  /** Run seed (used by the simulated ladder). */
  seed: number;
  cache: { mode: "enabled" | "disabled" | "only"; dir: string };
  /** Credentials are read from here, never from process.env directly. */
  env: NodeJS.ProcessEnv;
}

export function providerOf(id: string): string {
  const colon = id.indexOf(":");
  return colon === -1 ? id : id.slice(0, colon);
}

export function createModelClient(spec: ModelSpec, options: ModelClientOptions): ModelClient {
  const provider = providerOf(spec.id);
  if (provider === "sim") return createSimModel(spec, { seed: options.seed });
  throw new UsageError(`models: unknown provider "${provider}" in "${spec.id}"`);
}

/** Throws UsageError naming the missing variable, before any work starts. */
export function checkCredentials(_specs: ModelSpec[], _env: NodeJS.ProcessEnv): void {}
