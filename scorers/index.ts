import { UsageError } from "../src/errors.js";
import type { Scorer, ScorerSpec } from "../src/types.js";
import { codeTestsScorer, type CodeTestsOptions } from "./code-tests-scorer.js";
import { exactScorer } from "./exact-scorer.js";
import { includesScorer } from "./includes-scorer.js";
import { jsonSchemaScorer } from "./json-schema-scorer.js";
import { numericScorer } from "./numeric-scorer.js";
import { regexScorer } from "./regex-scorer.js";
import { rubricScorer, type GraderSettings } from "./rubric-scorer.js";
import { toolCallsScorer } from "./tool-calls-scorer.js";

export interface ScorerContext {
  /** Where the scorer spec came from, for error messages (e.g. `suites/x.yaml: scorer`). */
  where: string;
  /** Directory of the suite file, for relative paths. */
  baseDir: string;
  sandbox: { mode: "bwrap" | "unsafe-none" };
  /** Env, cache and seed for model-graded scorers (the run's); absent: process.env, no cache. */
  models?: GraderSettings;
}

/** The scorer types a suite's `scorer.type` may name. */
export const SCORER_TYPES = [
  "exact",
  "includes",
  "regex",
  "numeric",
  "code-tests",
  "tool-calls",
  "json-schema",
  "rubric",
] as const;

export function createScorer(spec: ScorerSpec, context: ScorerContext): Scorer {
  const options = spec as Record<string, unknown>;
  switch (spec.type) {
    case "exact":
      return exactScorer(options);
    case "includes":
      return includesScorer(options);
    case "regex":
      if (typeof options.pattern !== "string")
        throw new UsageError(`${context.where}.pattern: required for a regex scorer`);
      return regexScorer(options as { pattern: string }, context.where);
    case "numeric":
      return numericScorer(options);
    case "code-tests":
      return codeTestsScorer({ ...(options as CodeTestsOptions), sandbox: context.sandbox.mode }, context.where);
    case "tool-calls":
      return toolCallsScorer();
    case "json-schema":
      return jsonSchemaScorer(options, context.where);
    case "rubric":
      return rubricScorer(options, context.where, context.models);
    default:
      throw new UsageError(`${context.where}.type: unknown scorer "${spec.type}"; use ${SCORER_TYPES.join(", ")}`);
  }
}

export { exactScorer, includesScorer, numericScorer, regexScorer };
