import { isDeepStrictEqual } from "node:util";
import { createRequire } from "node:module";
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from "ajv";
import { UsageError } from "../src/errors.js";
import type { Scorer, Task } from "../src/types.js";
import { clip } from "./normalize-text.js";
import { extractJson } from "./extract-json.js";

export interface JsonSchemaOptions {
  schema?: unknown;
}

// One validator per JSON Schema dialect ($schema picks it; draft-07 by default). `format` is
// not checked (no format vocabulary is loaded); schemas with an $id are not registered, so two
// suites may reuse an $id. Compiled validators are cached by the schema's JSON text.
const options = {
  allErrors: false,
  strict: false,
  validateFormats: false,
  addUsedSchema: false,
  logger: false,
} as const;
type Dialect = "draft7" | "draft2019" | "draft2020";
const validators = new Map<Dialect, AjvClass>();

/** ajv is loaded (synchronously, it is CommonJS) the first time a schema is compiled, not at start-up. */
function validatorFor(dialect: Dialect): AjvClass {
  let validator = validators.get(dialect);
  if (!validator) {
    const load = createRequire(import.meta.url);
    const module =
      dialect === "draft2020"
        ? (load("ajv/dist/2020.js") as { Ajv2020: typeof AjvClass }).Ajv2020
        : dialect === "draft2019"
          ? (load("ajv/dist/2019.js") as { Ajv2019: typeof AjvClass }).Ajv2019
          : (load("ajv") as { Ajv: typeof AjvClass }).Ajv;
    validator = new module(options);
    validators.set(dialect, validator);
  }
  return validator;
}
const compiled = new Map<string, ValidateFunction>();

/** Compiles (or reuses) a validator; throws the compiler's message for an invalid schema. */
export function compileSchema(schema: unknown): ValidateFunction {
  const text = JSON.stringify(schema);
  const cached = compiled.get(text);
  if (cached) return cached;
  if (!schema || (typeof schema !== "object" && typeof schema !== "boolean") || Array.isArray(schema)) {
    throw new Error("must be a JSON Schema object");
  }
  const dialect = typeof schema === "object" ? String((schema as { $schema?: unknown }).$schema ?? "") : "";
  const validator = validatorFor(
    dialect.includes("2020-12") ? "draft2020" : dialect.includes("2019-09") ? "draft2019" : "draft7",
  );
  const validate = validator.compile(schema as object);
  compiled.set(text, validate);
  return validate;
}

function describeError(error: ErrorObject): string {
  const pointer = error.instancePath === "" ? "/" : error.instancePath;
  const extra =
    error.keyword === "additionalProperties"
      ? ` ("${String(error.params.additionalProperty)}")`
      : error.keyword === "enum"
        ? ` (${JSON.stringify(error.params.allowedValues)})`
        : "";
  return `${pointer}: ${error.message ?? error.keyword}${extra}`;
}

/** Per task: `expected: { schema?, equals? }` (an object with one of those keys). */
function taskExpectation(task: Task): { schema?: unknown; equals?: unknown; hasEquals: boolean } {
  const expected = task.expected;
  if (!expected || typeof expected !== "object" || Array.isArray(expected)) return { hasEquals: false };
  const record = expected as Record<string, unknown>;
  return {
    ...("schema" in record ? { schema: record.schema } : {}),
    ...("equals" in record ? { equals: record.equals } : {}),
    hasEquals: "equals" in record,
  };
}

/**
 * The answer holds JSON (whole, fenced, or the first {...}/[...] that parses) that validates
 * against the spec's schema or the task's `expected.schema`, and deep-equals `expected.equals`
 * when given. Without any schema only the JSON and `equals` are checked.
 */
export function jsonSchemaScorer(spec: JsonSchemaOptions = {}, where = "scorer"): Scorer {
  if (spec.schema !== undefined) {
    try {
      compileSchema(spec.schema);
    } catch (error) {
      throw new UsageError(`${where}.schema: invalid JSON Schema: ${(error as Error).message}`);
    }
  }
  return {
    name: "json-schema",
    async score({ task, answer }) {
      const extracted = extractJson(answer);
      if (!extracted.found) return { value: 0, pass: false, explanation: `no JSON found in "${clip(answer)}"` };
      const expectation = taskExpectation(task);
      const schema = expectation.schema ?? spec.schema;
      if (schema !== undefined) {
        let validate: ValidateFunction;
        try {
          validate = compileSchema(schema);
        } catch (error) {
          // A bad per-task schema is the suite's fault, not the answer's: an error, not a 0.
          throw new UsageError(`task ${task.id}: expected.schema: invalid JSON Schema: ${(error as Error).message}`);
        }
        if (!validate(extracted.value)) {
          const first = validate.errors?.[0];
          return {
            value: 0,
            pass: false,
            explanation: first ? `schema violation at ${describeError(first)}` : "schema violation",
          };
        }
      }
      if (expectation.hasEquals && !isDeepStrictEqual(extracted.value, expectation.equals)) {
        return {
          value: 0,
          pass: false,
          explanation: `valid JSON but not equal to expected: got ${clip(JSON.stringify(extracted.value))}, expected ${clip(JSON.stringify(expectation.equals))}`,
        };
      }
      const checks = [
        schema !== undefined ? "matches the schema" : "is JSON",
        ...(expectation.hasEquals ? ["equals the expected value"] : []),
      ];
      return {
        value: 1,
        pass: true,
        explanation: `${extracted.from === "answer" ? "answer" : extracted.from === "fence" ? "fenced JSON" : "embedded JSON"} ${checks.join(" and ")}`,
      };
    },
  };
}
