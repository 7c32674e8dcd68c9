import type { Message, ModelRequest, ToolSpec } from "../types.js";
import { canonicalJson } from "./response-cache.js";

// The fields of a request, in a fixed order: what identifies it for the ordinal count.
const KNOWN_FIELDS = new Set(["system", "messages", "tools", "maxOutputTokens", "temperature", "seed", "cache"]);

// A sample sends the same tool list on every call: its canonical form is computed once.
const toolIdentities = new WeakMap<ToolSpec[], string>();

function toolsIdentity(tools: ToolSpec[] | undefined): string | null {
  if (!tools) return null;
  let identity = toolIdentities.get(tools);
  if (identity === undefined) {
    identity = canonicalJson(tools);
    toolIdentities.set(tools, identity);
  }
  return identity;
}

function messageIdentity(message: Message): unknown {
  if (message.role === "user") return ["user", message.content];
  if (message.role === "tool")
    return ["tool", message.toolCallId, message.name, message.content, message.isError === true];
  return [
    "assistant",
    message.content,
    message.toolCalls?.map((call) => [call.id, call.name, canonicalJson(call.arguments)]) ?? null,
  ];
}

/**
 * A string that is equal for two requests exactly when they ask the same thing (object key order
 * aside): the free-form parts (tool arguments and schemas) are canonicalised, the rest is written
 * in a fixed order. No hash: it is only a map key for one sample.
 */
function requestIdentity(request: ModelRequest, epoch: number): string {
  const extra = Object.keys(request).filter((key) => !KNOWN_FIELDS.has(key));
  return JSON.stringify([
    epoch,
    request.system ?? null,
    request.messages.map(messageIdentity),
    toolsIdentity(request.tools),
    request.maxOutputTokens ?? null,
    request.temperature ?? null,
    request.seed ?? null,
    request.cache ?? null,
    extra.length ? canonicalJson(Object.fromEntries(extra.map((key) => [key, (request as never)[key]]))) : null,
  ]);
}

/**
 * For one sample: the ordinal to pass in GenerateOptions, i.e. how many identical requests
 * (same request, same epoch; key order aside) the sample made before this one. A harness that
 * asks the same question three times then gets three independent draws, and a re-run the same
 * three from the cache. Make one per sample.
 */
export function createRequestOrdinals(): (request: ModelRequest, epoch: number) => number {
  const seen = new Map<string, number>();
  return (request, epoch) => {
    const key = requestIdentity(request, epoch);
    const ordinal = seen.get(key) ?? 0;
    seen.set(key, ordinal + 1);
    return ordinal;
  };
}
