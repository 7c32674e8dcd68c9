/**
 * The fetch the provider SDKs get: the caller's (tests, users), else node:http with keep-alive
 * (http-fetch.ts). Loaded with the SDK on the first request, so a run that calls no provider
 * (simulated models, `--help`) does not load node:http, node:https and node:zlib.
 */
export async function sdkFetch(given: typeof fetch | undefined): Promise<typeof fetch> {
  if (given) return given;
  const { createHttpFetch } = await import("./http-fetch.js");
  return createHttpFetch();
}
