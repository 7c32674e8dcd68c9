import { existsSync, readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { sharedData } from "./shared-data.js";

/** Inspect's published OpenAPI document (components.schemas hold EvalLog, EvalSample, …). */
export const INSPECT_OPENAPI = sharedData("inspect-logs/inspect-openapi.json");

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Validators for Inspect's log schemas: the OpenAPI document is added as one schema, so every
 * `$ref: "#/components/schemas/…"` inside it resolves; OpenAPI 3.1 schemas are JSON Schema
 * 2020-12 (prefixItems), hence Ajv2020. Null when the shared data is absent.
 */
export function inspectValidators(): ((name: string) => ValidateFunction) | null {
  if (!existsSync(INSPECT_OPENAPI)) return null;
  const document = JSON.parse(readFileSync(INSPECT_OPENAPI, "utf8")) as { components: unknown };
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    formats: { "date-time": ISO_DATE_TIME, duration: true },
  });
  ajv.addSchema({ $id: "inspect-openapi.json", components: document.components });
  const cache = new Map<string, ValidateFunction>();
  return (name) => {
    let validate = cache.get(name);
    if (!validate) {
      validate = ajv.compile({ $ref: `inspect-openapi.json#/components/schemas/${name}` });
      cache.set(name, validate);
    }
    return validate;
  };
}

/** The first few errors, without the anyOf noise, for a readable assertion message. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .filter((error) => error.keyword !== "anyOf")
    .slice(0, 5)
    .map((error) => `${error.instancePath || "/"} ${error.message}`)
    .join("; ");
}
