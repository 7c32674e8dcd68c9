// The built-in scorers. A suite names one by `scorer.type`; the registry checks its options.
export { exactScorer } from "./exact-scorer.js";
export { includesScorer } from "./includes-scorer.js";
export { numericScorer } from "./numeric-scorer.js";
export { regexScorer } from "./regex-scorer.js";
export { codeTestsScorer } from "./code-tests-scorer.js";
export { toolCallsScorer } from "./tool-calls-scorer.js";
export { jsonSchemaScorer } from "./json-schema-scorer.js";
export { rubricScorer } from "./rubric-scorer.js";
export { BUILTIN_SCORERS } from "./builtin-scorers.js";
export { SCORER_OPTIONS, type ScorerSpec } from "./scorer-options.js";
