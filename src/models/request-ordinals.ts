import { createHash } from "node:crypto";
import type { ModelRequest } from "../types.js";
import { canonicalJson } from "./response-cache.js";

/**
 * For one sample: the ordinal to pass in GenerateOptions, i.e. how many identical requests
 * (same request, same epoch; key order aside) the sample made before this one. A harness that
 * asks the same question three times then gets three independent draws, and a re-run the same
 * three from the cache. Make one per sample; it remembers a hash per distinct request.
 */
export function createRequestOrdinals(): (request: ModelRequest, epoch: number) => number {
  const seen = new Map<string, number>();
  return (request, epoch) => {
    const key = createHash("sha256").update(canonicalJson({ request, epoch })).digest("base64");
    const ordinal = seen.get(key) ?? 0;
    seen.set(key, ordinal + 1);
    return ordinal;
  };
}
