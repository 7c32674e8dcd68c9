import type { Message, ToolCall } from "../../types.js";
import type { InspectChatMessage, InspectContent, InspectToolCall } from "./inspect-log-types.js";

/** A message's text as Inspect's `ChatMessage.text` gives it: the text parts, joined by newlines. */
export function messageText(content: string | InspectContent[] | null | undefined): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .filter((part) => part?.type === "text" && typeof part.text === "string")
    .map((part) => part.text)
    .join("\n");
}

export function fromInspectToolCall(call: InspectToolCall): ToolCall {
  return {
    id: String(call.id ?? ""),
    name: String(call.function ?? ""),
    arguments:
      typeof call.arguments === "object" && call.arguments !== null && !Array.isArray(call.arguments)
        ? call.arguments
        : {},
  };
}

/**
 * Inspect chat messages as capbench messages: system messages become the request's system
 * text; reasoning, images, audio and other non-text parts are dropped (only the text is kept).
 */
export function fromInspectMessages(messages: readonly InspectChatMessage[]): { system?: string; messages: Message[] } {
  const system: string[] = [];
  const converted: Message[] = [];
  for (const message of messages) {
    const text = messageText(message?.content);
    switch (message?.role) {
      case "system":
        system.push(text);
        break;
      case "user":
        converted.push({ role: "user", content: text });
        break;
      case "assistant": {
        const toolCalls = (message.tool_calls ?? []).map(fromInspectToolCall);
        converted.push({ role: "assistant", content: text, ...(toolCalls.length ? { toolCalls } : {}) });
        break;
      }
      case "tool":
        converted.push({
          role: "tool",
          toolCallId: message.tool_call_id ?? "",
          name: message.function ?? "",
          content: text || (message.error?.message ?? ""),
          ...(message.error ? { isError: true } : {}),
        });
        break;
    }
  }
  return { ...(system.length ? { system: system.join("\n\n") } : {}), messages: converted };
}
