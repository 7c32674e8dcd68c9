import { z } from "zod";
import { modelEntrySchema } from "../src/models/model-entry-schema.js";

// The options of each built-in scorer, as a suite file writes them under `scorer:` (beside
// `type`). Unknown keys are errors, so a typo fails at load instead of scoring wrongly.

const normalize = {
  /** Compare case-sensitively. Default false. */
  caseSensitive: z.boolean().optional(),
  /** Trim both ends. Default true. */
  trim: z.boolean().optional(),
  /** Collapse runs of whitespace to one space. Default true. */
  collapseWhitespace: z.boolean().optional(),
  /** Drop punctuation and symbols before comparing. Default false. */
  stripPunctuation: z.boolean().optional(),
};

function validRegex(value: { pattern: string; flags?: string | undefined }, context: z.core.$RefinementCtx): void {
  try {
    new RegExp(value.pattern, value.flags ?? "");
  } catch (error) {
    context.addIssue({
      code: "custom",
      path: ["pattern"],
      message: `invalid regular expression: ${(error as Error).message}`,
    });
  }
}

export const SCORER_OPTIONS = {
  exact: z.strictObject({ ...normalize }),
  includes: z.strictObject({ ...normalize }),
  regex: z
    .strictObject({
      ...normalize,
      pattern: z.string().min(1),
      flags: z
        .string()
        .regex(/^[dgimsuvy]*$/, "must be regular-expression flags such as i or s")
        .optional(),
      /** The capture group to compare. Default 1 when the pattern has one, else the whole match. */
      group: z.int().min(0).optional(),
    })
    .superRefine(validRegex),
  numeric: z.strictObject({
    /** Absolute tolerance. Default 1e-6. */
    tolerance: z.number().nonnegative().optional(),
    /** Relative tolerance (fraction of the expected value). Default 0. */
    relativeTolerance: z.number().nonnegative().optional(),
    /** Which number to take: the last (default), the first, or the one after "answer:"/"####". */
    extract: z.enum(["last", "first", "answer"]).optional(),
  }),
  "code-tests": z.strictObject({
    /** Default language when a task names none. Default python. */
    language: z.enum(["python", "node", "javascript", "js"]).optional(),
    /** Wall time per program, ms. Default 10 000. */
    timeoutMs: z.int().positive().optional(),
    /** What the tests may do with the code's values: only plain data (default), or any value. */
    values: z.enum(["plain-data", "any"]).optional(),
  }),
  "tool-calls": z.strictObject({}),
  "json-schema": z.strictObject({
    /** The JSON Schema every answer must satisfy (else each task's `expected.schema`). */
    schema: z.unknown().optional(),
  }),
  rubric: z.strictObject({
    /** The grader: `provider:model` or `{ id, baseURL?, apiKeyEnv?, … }`. */
    model: modelEntrySchema,
    rubric: z.string().trim().min(1).optional(),
    /** Score at or above which the sample passes. Default 0.5. */
    passThreshold: z.number().min(0).max(1).optional(),
    /** Grader replies averaged per answer. Default 1. */
    samples: z.int().min(1).max(20).optional(),
  }),
} as const;

export type BuiltinScorerType = keyof typeof SCORER_OPTIONS;

/** A built-in scorer as a suite names it: `{ type: "numeric", tolerance: 0.01 }`. */
export type ScorerSpec = {
  [Type in BuiltinScorerType]: { type: Type } & z.input<(typeof SCORER_OPTIONS)[Type]>;
}[BuiltinScorerType];
