import type { TraceEvent } from "../../types.js";
import { fromInspectMessages } from "./from-inspect-messages.js";
import type { InspectChatMessage } from "./inspect-log-types.js";

const NO_USAGE = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

/**
 * A trajectory rebuilt from a sample's final messages, for logs written without events: one
 * model call per assistant message (its request is the conversation before it) and one tool
 * call per tool message. No timings or usage are known, so they are zero.
 */
export function inspectMessagesToTrace(messages: readonly InspectChatMessage[], at: number): TraceEvent[] {
  const events: TraceEvent[] = [];
  const { system, messages: converted } = fromInspectMessages(messages);
  converted.forEach((message, index) => {
    if (message.role === "assistant") {
      events.push({
        type: "model",
        agent: "main",
        at,
        request: { ...(system !== undefined ? { system } : {}), messages: converted.slice(0, index) },
        response: {
          text: message.content,
          toolCalls: message.toolCalls ?? [],
          finishReason: message.toolCalls?.length ? "tool_calls" : "stop",
          usage: { ...NO_USAGE },
          latencyMs: 0,
          cached: false,
          warnings: [],
        },
        latencyMs: 0,
      });
    } else if (message.role === "tool") {
      const call = converted
        .slice(0, index)
        .flatMap((earlier) => (earlier.role === "assistant" ? (earlier.toolCalls ?? []) : []))
        .find((candidate) => candidate.id === message.toolCallId);
      events.push({
        type: "tool",
        agent: "main",
        at,
        call: call ?? { id: message.toolCallId, name: message.name, arguments: {} },
        result: { content: message.content, isError: message.isError === true },
        latencyMs: 0,
      });
    }
  });
  return events;
}
