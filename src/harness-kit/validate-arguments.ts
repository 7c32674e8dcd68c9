import type { JsonSchema } from "../types.js";

// A small JSON-schema check for tool arguments: required properties, primitive types, enums.
// Enough to tell a model what it got wrong; not a full validator.

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function matches(value: unknown, type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  const actual = typeOf(value);
  return types.some((expected) => expected === actual || (expected === "number" && actual === "integer"));
}

/** Returns a list of problems, empty when the arguments fit the schema. */
export function validateArguments(args: unknown, schema: JsonSchema): string[] {
  if (typeof args !== "object" || args === null || Array.isArray(args)) return ["arguments must be a JSON object"];
  const problems: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const name of (schema.required ?? []) as string[]) {
    if (!(name in args)) problems.push(`missing required argument "${name}"`);
  }
  for (const [name, value] of Object.entries(args)) {
    const property = properties[name];
    if (!property) {
      if (schema.additionalProperties === false) problems.push(`unknown argument "${name}"`);
      continue;
    }
    if (property.type !== undefined && !matches(value, property.type))
      problems.push(`argument "${name}" must be ${String(property.type)}, got ${typeOf(value)}`);
    if (Array.isArray(property.enum) && !property.enum.includes(value))
      problems.push(
        `argument "${name}" must be one of ${property.enum.map((item) => JSON.stringify(item)).join(", ")}`,
      );
  }
  return problems;
}
