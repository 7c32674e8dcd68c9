import type { Suite, SuiteOptions } from "../../src/types.js";

/** Importers for public benchmark formats, by suite-reference prefix (`humaneval:PATH`). */
export const importers: Record<string, (path: string, options: SuiteOptions & { baseDir: string }) => Promise<Suite>> = {};
