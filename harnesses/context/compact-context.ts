import type { Message, ToolCall } from "../../src/types.js";
import type { ContextStrategy } from "./context-strategy.js";

/**
 * `context=compact`: tool results from turns older than the last `keep` tool-using turns are
 * sent as short stubs (the call stays, so the agent knows it was made). Results under
 * `minChars` are cheap and kept. The full history is kept; only what is sent shrinks.
 */
export function compactContext(options: { keep: number; minChars?: number }): ContextStrategy {
  const minChars = options.minChars ?? 200;
  return {
    name: "compact",
    tools: [],
    async prepare(state) {
      const turns = state.history.flatMap((message, index) =>
        message.role === "assistant" && message.toolCalls?.length ? [index] : [],
      );
      const cutoff =
        options.keep === 0
          ? Number.POSITIVE_INFINITY
          : turns.length > options.keep
            ? turns[turns.length - options.keep]!
            : -1;
      const calls = new Map<string, ToolCall>();
      for (const message of state.history)
        if (message.role === "assistant") for (const call of message.toolCalls ?? []) calls.set(call.id, call);
      return state.history.map((message, index): Message => {
        if (message.role !== "tool" || index >= cutoff || message.content.length < minChars) return message;
        const call = calls.get(message.toolCallId);
        const args = call ? JSON.stringify(call.arguments) : "";
        return {
          ...message,
          content: `[Cleared to save context: earlier result of ${message.name}(${args}), ${message.content.length} characters.]`,
        };
      });
    },
    storeResult: async (_call, result) => result,
  };
}
