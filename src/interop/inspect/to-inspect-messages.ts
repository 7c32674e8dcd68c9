import type { Message, ModelRequest, ToolCall, ToolSpec } from "../../types.js";
import type { InspectChatMessage, InspectToolCall } from "./inspect-log-types.js";

export function toInspectToolCall(call: ToolCall): InspectToolCall {
  return { id: call.id, function: call.name, arguments: call.arguments, type: "function" };
}

export function toInspectMessage(message: Message): InspectChatMessage {
  switch (message.role) {
    case "user":
      return { role: "user", content: message.content, source: "input" };
    case "assistant":
      return {
        role: "assistant",
        content: message.content,
        source: "generate",
        ...(message.toolCalls?.length ? { tool_calls: message.toolCalls.map(toInspectToolCall) } : {}),
      };
    case "tool":
      return {
        role: "tool",
        content: message.content,
        tool_call_id: message.toolCallId,
        function: message.name,
        ...(message.isError ? { error: { type: "unknown", message: message.content } } : {}),
      };
  }
}

/** A request's messages as Inspect sees them: the system text as a leading system message. */
export function toInspectInput(request: ModelRequest): InspectChatMessage[] {
  return [
    ...(request.system !== undefined ? [{ role: "system" as const, content: request.system }] : []),
    ...request.messages.map(toInspectMessage),
  ];
}

/**
 * A tool spec as an Inspect ToolInfo. Inspect's JSONSchema model lists `default` as required in
 * the published schema, so every nested schema gets `default: null` when it has none.
 */
export function toInspectToolInfo(spec: ToolSpec): { name: string; description: string; parameters: unknown } {
  const parameters = withDefaults(spec.parameters) as Record<string, unknown>;
  return {
    name: spec.name,
    description: spec.description,
    parameters: {
      ...parameters,
      type: "object",
      properties: parameters.properties ?? {},
      required: Array.isArray(parameters.required) ? parameters.required : [],
    },
  };
}

function withDefaults(schema: unknown, top = true): unknown {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = { ...(schema as Record<string, unknown>) };
  if (!top && !("default" in out)) out.default = null;
  if (typeof out.properties === "object" && out.properties !== null) {
    out.properties = Object.fromEntries(
      Object.entries(out.properties as Record<string, unknown>).map(([key, value]) => [
        key,
        withDefaults(value, false),
      ]),
    );
  }
  if (typeof out.items === "object" && out.items !== null && !Array.isArray(out.items))
    out.items = withDefaults(out.items, false);
  if (Array.isArray(out.anyOf)) out.anyOf = out.anyOf.map((item) => withDefaults(item, false));
  if (typeof out.additionalProperties === "object" && out.additionalProperties !== null)
    out.additionalProperties = withDefaults(out.additionalProperties, false);
  return out;
}
