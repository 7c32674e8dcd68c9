/**
 * A reply that arrived (usually HTTP 200) but does not parse into the provider's response
 * shape: not JSON, the wrong content type, no choice or content block where one is required,
 * a required field missing or of the wrong type. A fault like a 5xx: retried, then recorded as
 * a provider error; never scored, never cached.
 */
export class MalformedResponseError extends Error {
  override readonly name = "MalformedResponseError";
}
