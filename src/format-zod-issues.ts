import type { z } from "zod";
import { didYouMean } from "./did-you-mean.js";
import { UsageError } from "./errors.js";

type Path = readonly PropertyKey[];

/** `a.b[3].c` */
export function formatPath(path: Path): string {
  return path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    "",
  );
}

/** `prefix` followed by `path`: `scorer` + [tolerance] → `scorer.tolerance`; + [2] → `scorer[2]`. */
export function joinPath(prefix: string | undefined, path: Path): string {
  if (!prefix) return formatPath(path);
  if (path.length === 0) return prefix;
  return typeof path[0] === "number" ? `${prefix}${formatPath(path)}` : `${prefix}.${formatPath(path)}`;
}

function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

interface SchemaDefinition {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  getter?: () => z.ZodType;
}

function definition(schema: z.ZodType): SchemaDefinition {
  return (schema as unknown as { _zod: { def: SchemaDefinition } })._zod.def;
}

/** The object schemas a value at `path` may be checked against (several under a union). */
function objectsAt(schema: z.ZodType | undefined, path: Path, depth = 0): SchemaDefinition[] {
  if (!schema || depth > 50) return [];
  const def = definition(schema);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return objectsAt(def.innerType, path, depth + 1);
    case "pipe":
      return objectsAt(def.in, path, depth + 1);
    case "lazy":
      return objectsAt(def.getter?.(), path, depth + 1);
    case "union":
      return (def.options ?? []).flatMap((option) => objectsAt(option, path, depth + 1));
    default:
      break;
  }
  if (path.length === 0) return def.type === "object" ? [def] : [];
  const [head, ...rest] = path;
  if (def.type === "object") return objectsAt(def.shape?.[String(head)], rest, depth + 1);
  if (def.type === "array") return objectsAt(def.element, rest, depth + 1);
  if (def.type === "record") return objectsAt(def.valueType, rest, depth + 1);
  return [];
}

function knownKeys(schema: z.ZodType | undefined, path: Path): string[] {
  return [...new Set(objectsAt(schema, path).flatMap((def) => Object.keys(def.shape ?? {})))];
}

function describeIssue(issue: z.core.$ZodIssue, schema: z.ZodType | undefined): string {
  const input = (issue as { input?: unknown }).input;
  if (input === undefined && (issue.code === "invalid_type" || issue.code === "invalid_union")) return "required";
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeys(schema, issue.path);
      return issue.keys
        .map(
          (key) =>
            `unknown key "${key}".${didYouMean(key, known)}${known.length ? ` Known keys: ${known.join(", ")}.` : ""}`,
        )
        .join(" ");
    }
    case "invalid_type":
      return `expected ${issue.expected}, received ${shown(input)}`;
    case "invalid_value": {
      const values = issue.values.map((value) => String(value));
      const suggestion = typeof input === "string" ? didYouMean(input, values) : "";
      return `must be one of ${values.join(", ")}; received ${shown(input)}.${suggestion}`.replace(/\.$/, "");
    }
    case "too_small":
    case "too_big":
      return input === undefined ? issue.message : `${issue.message}; received ${shown(input)}`;
    default:
      return issue.message;
  }
}

/**
 * `file: a.b[3].c: message` lines, one per issue. With the schema, an unknown key gets a
 * did-you-mean from the keys that schema accepts there. `prefix` is the path of the checked
 * value inside the file (e.g. `scorer`).
 */
export function formatZodIssues(
  file: string,
  error: z.ZodError,
  options: { schema?: z.ZodType; prefix?: string } = {},
): string {
  return error.issues
    .map((issue) => {
      return `${file}: ${joinPath(options.prefix, issue.path) || "(top level)"}: ${describeIssue(issue, options.schema)}`;
    })
    .join("\n");
}

/**
 * Parses `value` with `schema`; on failure a UsageError naming the file and each field, with the
 * value received and a did-you-mean for unknown keys and names.
 */
export function parseOrThrow<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  file: string,
  prefix?: string,
): z.output<Schema> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new UsageError(formatZodIssues(file, parsed.error, { schema, ...(prefix ? { prefix } : {}) }));
}

/**
 * Like parseOrThrow, with `where` written as `file: field` (e.g. `plus.yaml: scorer`): problems
 * read `plus.yaml: scorer.tolerance: expected number, received "abc"`.
 */
export function parseAt<Schema extends z.ZodType>(schema: Schema, value: unknown, where: string): z.output<Schema> {
  const split = where.lastIndexOf(": ");
  return split === -1
    ? parseOrThrow(schema, value, where)
    : parseOrThrow(schema, value, where.slice(0, split), where.slice(split + 2));
}
