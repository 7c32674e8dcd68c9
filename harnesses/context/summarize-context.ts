import type { Message } from "../../src/types.js";
import { estimateMessageTokens } from "../agent/estimate-message-tokens.js";
import type { ContextStrategy } from "./context-strategy.js";

const SUMMARY_REQUEST =
  "Summarize the work so far for your own later use: quote exactly every fact found that matters for the task, list the sources already checked, and say what remains to do.";

/** The history as plain text: "Result of read({"id":"report-01"}): ..." lines pair each call with its result. */
function renderTranscript(messages: Message[]): string {
  const calls = new Map<string, string>();
  const lines: string[] = [];
  for (const message of messages) {
    if (message.role === "user") lines.push(`User: ${message.content}`);
    else if (message.role === "tool") {
      lines.push(
        `Result of ${message.name}(${calls.get(message.toolCallId) ?? ""})${message.isError ? " (error)" : ""}: ${message.content}`,
      );
    } else {
      if (message.content) lines.push(`Assistant: ${message.content}`);
      for (const call of message.toolCalls ?? []) calls.set(call.id, JSON.stringify(call.arguments));
    }
  }
  return lines.join("\n");
}

/**
 * `context=summarize`: when the history passes `threshold` tokens, the model summarizes it
 * (one extra, traced call) and the history restarts from the task plus that summary.
 */
export function summarizeContext(options: { threshold: number }): ContextStrategy {
  return {
    name: "summarize",
    tools: [],
    async prepare(state, { context, tools }) {
      const tokens = estimateMessageTokens(state.history, { system: state.system, tools });
      if (tokens <= options.threshold || state.history.length < 3) return state.history;
      const transcript = renderTranscript(state.history.slice(1));
      const response = await context.model.generate(
        {
          system: "You keep an agent's working notes.",
          messages: [
            { role: "user", content: `Task:\n${state.prompt}\n\nWork so far:\n${transcript}\n\n${SUMMARY_REQUEST}` },
          ],
        },
        { signal: context.signal, epoch: context.epoch },
      );
      context.note("context summarized", { tokensBefore: tokens, messagesBefore: state.history.length });
      state.history = [
        { role: "user", content: `${state.prompt}\n\nSummary of your earlier work on this task:\n${response.text}` },
      ];
      return state.history;
    },
    storeResult: async (_call, result) => result,
  };
}
