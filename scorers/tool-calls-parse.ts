import { parsePythonCalls, type ParsedCall } from "./tool-calls-python.js";

/**
 * The tool calls written in a text answer: JSON (`[{"name", "arguments"}]`, one such object,
 * OpenAI's `{"function": {"name", "arguments": "<json>"}}`, BFCL's `{"fn": {args}}`, or
 * `{"tool_calls": […]}`) or Python-style calls (`[f(a=1), g(b="x")]`), optionally in a fence.
 * Returns an error message when nothing parses.
 */
export function parseToolCalls(text: string): { calls: ParsedCall[] } | { error: string } {
  const fenced = /```[\w-]*\n([\s\S]*?)(?:```|$(?![\s\S]))/.exec(text);
  const body = (fenced ? fenced[1]! : text).trim();
  if (body === "") return { calls: [] };
  if (/^[[{]/.test(body)) {
    try {
      return { calls: fromJson(JSON.parse(body)) };
    } catch {
      // Not JSON: try Python syntax (a `[f(x=1)]` list looks like JSON at first).
    }
  }
  try {
    return { calls: parsePythonCalls(body) };
  } catch (error) {
    return { error: `could not parse tool calls: ${(error as Error).message}` };
  }
}

function fromJson(value: unknown): ParsedCall[] {
  if (Array.isArray(value)) return value.flatMap(fromJson);
  if (!value || typeof value !== "object") throw new Error("not a call");
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.tool_calls)) return fromJson(record.tool_calls);
  if (record.function && typeof record.function === "object") return fromJson(record.function);
  if (typeof record.name === "string") {
    const raw = record.arguments ?? record.parameters ?? record.args ?? {};
    const args = typeof raw === "string" ? JSON.parse(raw) : raw;
    if (!args || typeof args !== "object" || Array.isArray(args)) throw new Error("arguments must be an object");
    return [{ name: record.name, arguments: args as Record<string, unknown> }];
  }
  const entries = Object.entries(record);
  if (entries.length === 1 && entries[0]![1] && typeof entries[0]![1] === "object" && !Array.isArray(entries[0]![1])) {
    return [{ name: entries[0]![0], arguments: entries[0]![1] as Record<string, unknown> }];
  }
  throw new Error("not a call");
}
