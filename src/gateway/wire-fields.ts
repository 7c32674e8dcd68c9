import type { JsonSchema, Message, ModelRequest, ToolSpec } from "../types.js";
import { WireRequestError } from "./wire-error.js";

// Lenient readers for the fields of a wire request: unknown fields are ignored, a field of
// the wrong shape is a 400 naming it, and parts capbench cannot forward (images, audio,
// hosted tools) are listed in `dropped` so the sample's trajectory says what was left out.

export type WireObject = Record<string, unknown>;

export function isObject(value: unknown): value is WireObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function requireObject(value: unknown, where: string): WireObject {
  if (!isObject(value)) throw new WireRequestError(`${where}: expected an object`);
  return value;
}

export function requireArray(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new WireRequestError(`${where}: expected an array`);
  return value;
}

export function optionalNumber(body: WireObject, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) throw new WireRequestError(`${field}: expected a number`);
  return value;
}

export function optionalString(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new WireRequestError(`${where}: expected a string`);
  return value;
}

/**
 * The text of a message content: a string, or an array of parts whose text parts
 * (`text`, `input_text`, `output_text`) are joined; other parts go to `dropped`.
 */
export function contentText(content: unknown, where: string, dropped: Set<string>): string {
  if (content === undefined || content === null) return "";
  if (typeof content === "string") return content;
  const parts = requireArray(content, `${where}.content`);
  const texts: string[] = [];
  for (const [index, part] of parts.entries()) {
    if (typeof part === "string") {
      texts.push(part);
      continue;
    }
    const object = requireObject(part, `${where}.content[${index}]`);
    if (typeof object.text === "string" && ["text", "input_text", "output_text"].includes(String(object.type)))
      texts.push(object.text);
    else if (object.type === "refusal" && typeof object.refusal === "string") texts.push(object.refusal);
    else dropped.add(`content part "${String(object.type)}"`);
  }
  return texts.join("\n");
}

/** A tool's JSON schema; a missing one means "no arguments". */
export function toolParameters(value: unknown, where: string): JsonSchema {
  if (value === undefined || value === null) return { type: "object", properties: {} };
  return requireObject(value, where);
}

export function toolSpec(name: unknown, description: unknown, parameters: unknown, where: string): ToolSpec {
  if (typeof name !== "string" || name.length === 0) throw new WireRequestError(`${where}.name: expected a string`);
  return {
    name,
    description: optionalString(description, `${where}.description`) ?? "",
    parameters: toolParameters(parameters, `${where}.parameters`),
  };
}

/** Tool-call arguments from a JSON string (OpenAI) or an object (Anthropic); unreadable ones become {}. */
export function callArguments(raw: unknown, where: string, dropped: Set<string>): Record<string, unknown> {
  if (isObject(raw)) return raw;
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) return {};
  if (typeof raw === "string") {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isObject(parsed)) return parsed;
    } catch {
      // fall through
    }
  }
  dropped.add(`${where}: arguments that are not a JSON object`);
  return {};
}

/**
 * The OpenAI formats have no error flag on a tool result. capbench's tools (over MCP too)
 * report errors as text starting with "Error:", which is how the built-in harnesses mark
 * them; the gateway marks such results the same way so both build the same request.
 */
export function looksLikeToolError(content: string): boolean {
  return /^Error:/.test(content);
}

/** The request the sample's model gets: absent parts and an empty tool list left out. */
export function wireModelRequest(parts: {
  system: string | undefined;
  messages: Message[];
  tools: ToolSpec[];
  maxOutputTokens: number | undefined;
  temperature: number | undefined;
  seed?: number | undefined;
}): ModelRequest {
  const { system, messages, tools, maxOutputTokens, temperature, seed } = parts;
  return {
    ...(system !== undefined ? { system } : {}),
    messages,
    ...(tools.length ? { tools } : {}),
    ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}
