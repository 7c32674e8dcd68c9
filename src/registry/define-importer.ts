import { z, type ZodType } from "zod";
import type { ImporterOptions, ImporterPlugin } from "./plugin-types.js";
import type { Suite } from "../types.js";

export interface ImporterDefinition {
  /** The suite-reference prefix: `name:PATH`. */
  name: string;
  description?: string;
  options?: ZodType<Record<string, unknown>>;
  import(file: string, options: ImporterOptions): Promise<Suite>;
}

/** Typed helper for importer modules (listed under `plugins:`): suites named `name:PATH` come from it. */
export function defineImporter(definition: ImporterDefinition): ImporterPlugin {
  return {
    kind: "importer",
    name: definition.name,
    description: definition.description ?? "",
    source: "defineImporter",
    options: definition.options ?? z.strictObject({}),
    import: definition.import,
  };
}
