import type { JsonSchema } from "../../src/types.js";

const TYPES: Record<string, string | null> = { dict: "object", float: "number", tuple: "array", any: null };

/** BFCL's Python-flavoured parameter schema as standard JSON Schema (`dict` → `object`, …). */
export function bfclSchema(schema: unknown): JsonSchema {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return {};
  const result: JsonSchema = {};
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    if (key === "optional") continue;
    if (key === "type" && typeof value === "string") {
      const mapped = value in TYPES ? TYPES[value] : value;
      if (mapped) result.type = mapped;
    } else if (key === "properties" && value && typeof value === "object") {
      result.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, property]) => [name, bfclSchema(property)]),
      );
    } else if (key === "items") {
      result.items = bfclSchema(value);
    } else {
      result[key] = value;
    }
  }
  return result;
}
