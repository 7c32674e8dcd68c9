import { MalformedResponseError } from "./malformed-response-error.js";

// Small readers for validating a provider's response body field by field. Each throws a
// MalformedResponseError naming the field path (e.g. `choices[0].message.content`), so a
// fault says what was wrong with it instead of becoming an empty answer.

export type Shape = Record<string, unknown>;

/** The first characters of a body, for error messages. */
export function snippet(raw: unknown, length = 120): string {
  const text = typeof raw === "string" ? raw : (JSON.stringify(raw) ?? String(raw));
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new MalformedResponseError(
    value === undefined ? `${path} is missing` : `${path} is ${kindOf(value)}, expected ${expected}`,
  );
}

export function isShape(value: unknown): value is Shape {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The response body as an object. The SDKs return a string when the content type is not
 * JSON (an HTML error page, text/plain) and undefined for an empty JSON body.
 */
export function responseObject(raw: unknown, provider: string): Shape {
  if (isShape(raw)) return raw;
  if (raw === undefined || raw === null || raw === "") throw new MalformedResponseError("the body is empty");
  if (typeof raw === "string") throw new MalformedResponseError(`the body is not JSON: ${snippet(raw)}`);
  throw new MalformedResponseError(`the body is ${kindOf(raw)}, not a ${provider} response object: ${snippet(raw)}`);
}

/** A 200 that carries an error envelope (some proxies do this) says so. */
export function rejectErrorEnvelope(body: Shape): void {
  const error = body.error;
  if (error === undefined || error === null) return;
  const message = isShape(error) && typeof error.message === "string" ? error.message : snippet(error);
  throw new MalformedResponseError(`the body is an error, not a response: ${message}`);
}

export function objectAt(value: unknown, path: string): Shape {
  return isShape(value) ? value : fail(path, "an object", value);
}

export function arrayAt(value: unknown, path: string): unknown[] {
  return Array.isArray(value) ? value : fail(path, "an array", value);
}

export function stringAt(value: unknown, path: string): string {
  return typeof value === "string" ? value : fail(path, "a string", value);
}

export function nullableStringAt(value: unknown, path: string): string | null {
  return value === null || typeof value === "string" ? value : fail(path, "a string or null", value);
}

export function countAt(value: unknown, path: string): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : fail(path, "a count", value);
}

/** A count the provider may omit or null (0 then); present, it must be a count. */
export function optionalCountAt(value: unknown, path: string): number {
  return value === undefined || value === null ? 0 : countAt(value, path);
}

/** A reply whose content type is not JSON is a fault even when its body happens to parse. */
export function requireJsonContentType(headers: Headers | undefined): void {
  const contentType = headers?.get("content-type");
  if (contentType === null || contentType === undefined) return; // transport did not say (e.g. a batch line)
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!mediaType.includes("application/json") && !mediaType.endsWith("+json"))
    throw new MalformedResponseError(`content-type is "${contentType}", expected application/json`);
}
