import type { z } from "zod";
import type { ScorerContext, ScorerPlugin } from "../src/registry/plugin-types.js";
import type { Scorer } from "../src/types.js";
import { codeTestsScorer } from "./code-tests-scorer.js";
import { exactScorer } from "./exact-scorer.js";
import { includesScorer } from "./includes-scorer.js";
import { jsonSchemaScorer } from "./json-schema-scorer.js";
import { numericScorer } from "./numeric-scorer.js";
import { regexScorer } from "./regex-scorer.js";
import { rubricScorer } from "./rubric-scorer.js";
import { SCORER_OPTIONS } from "./scorer-options.js";
import { toolCallsScorer } from "./tool-calls-scorer.js";

function builtin<Type extends keyof typeof SCORER_OPTIONS>(
  name: Type,
  description: string,
  create: (options: z.output<(typeof SCORER_OPTIONS)[Type]>, context: ScorerContext) => Scorer,
): ScorerPlugin<z.output<(typeof SCORER_OPTIONS)[Type]>> {
  const options = SCORER_OPTIONS[name] as unknown as z.ZodType<z.output<(typeof SCORER_OPTIONS)[Type]>>;
  return { kind: "scorer", name, description, source: "built-in", options, create };
}

/** The built-in scorers a suite's `scorer.type` may name, with their option schemas. */
export const BUILTIN_SCORERS = [
  builtin("exact", "The whole answer equals an expected value after normalization.", (options) => exactScorer(options)),
  builtin("includes", "The answer contains an expected value.", (options) => includesScorer(options)),
  builtin("regex", "Extracts with a pattern, then compares.", (options, context) =>
    regexScorer(options, context.where),
  ),
  builtin("numeric", "The answer's final number within a tolerance.", (options) => numericScorer(options)),
  builtin("code-tests", "Runs the answer's code against the task's tests in the sandbox.", (options, context) =>
    codeTestsScorer({ ...options, sandbox: context.sandbox.mode }, context.where),
  ),
  builtin("tool-calls", "BFCL-style function-call match.", () => toolCallsScorer()),
  builtin(
    "json-schema",
    "JSON from the answer, validated against a schema; optional deep equality.",
    (options, context) => jsonSchemaScorer(options, context.where),
  ),
  builtin("rubric", "A grader model scores the answer against a rubric.", (options, context) =>
    rubricScorer(options, context.where, context.models),
  ),
];
