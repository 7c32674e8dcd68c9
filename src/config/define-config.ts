import type { UserConfig } from "./config-schema.js";

/** Typed helper for `capbench.config.ts`. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
