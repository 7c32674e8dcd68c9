import type { SandboxMode } from "../../src/sandbox/index.js";
import type { Suite, SuiteOptions } from "../../src/types.js";
import { importBfcl } from "./bfcl-importer.js";
import { importGsm8k } from "./gsm8k-importer.js";
import { importHumanEval } from "./humaneval-importer.js";
import { importMbpp } from "./mbpp-importer.js";

export type ImporterOptions = SuiteOptions & { baseDir: string; sandbox?: SandboxMode };

/** Importers for public benchmark formats, by suite-reference prefix (`humaneval:PATH`). */
export const importers: Record<string, (path: string, options: ImporterOptions) => Promise<Suite>> = {
  humaneval: importHumanEval,
  mbpp: importMbpp,
  gsm8k: importGsm8k,
  bfcl: importBfcl,
};
