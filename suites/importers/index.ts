import { z } from "zod";
import type { ImporterPlugin } from "../../src/registry/plugin-types.js";
import { importBfcl } from "./bfcl-importer.js";
import { importGsm8k } from "./gsm8k-importer.js";
import { importHumanEval } from "./humaneval-importer.js";
import { importMbpp } from "./mbpp-importer.js";

export type { ImporterOptions } from "../../src/registry/plugin-types.js";

function builtin(name: string, description: string, load: ImporterPlugin["import"]): ImporterPlugin {
  return { kind: "importer", name, description, source: "built-in", options: z.strictObject({}), import: load };
}

/** Importers for public benchmark formats, by suite-reference prefix (`humaneval:PATH`). */
export const BUILTIN_IMPORTERS: ImporterPlugin[] = [
  builtin("humaneval", "OpenAI HumanEval JSONL (optionally .gz): code tests in the sandbox.", importHumanEval),
  builtin("mbpp", "Google MBPP JSONL: code tests in the sandbox.", importMbpp),
  builtin("gsm8k", "GSM8K JSONL: the number after ####.", importGsm8k),
  builtin("bfcl", "Berkeley Function-Calling Leaderboard (single-turn categories).", importBfcl),
];
