import { z } from "zod";
import { harnessOptionsSchema } from "../harness-kit/harness-options.js";
import type { Harness, SuiteDefinition } from "../types.js";
import type { HarnessPlugin, SuitePlugin } from "./plugin-types.js";

/** A harness as a registry entry: its variant options as a zod schema. */
export function harnessPlugin(harness: Harness, source: string): HarnessPlugin {
  return {
    kind: "harness",
    name: harness.name,
    description: harness.description ?? "",
    source,
    harness,
    options: harnessOptionsSchema(harness),
  };
}

const anySuiteOptions = z.record(z.string(), z.unknown());

/** A suite definition as a registry entry: `suiteOptions.<name>` is checked against its schema. */
export function suitePlugin(definition: SuiteDefinition, source: string): SuitePlugin {
  return {
    kind: "suite",
    name: definition.name,
    description: definition.description ?? "",
    source,
    options: definition.options ?? anySuiteOptions,
    definition,
  };
}
