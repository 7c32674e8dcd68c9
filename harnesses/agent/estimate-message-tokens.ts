import type { Message, ToolSpec } from "../../src/types.js";

/** About four characters a token: the harness's own budget check, not a provider's count. */
export function estimateMessageTokens(
  messages: Message[],
  extra: { system?: string; tools?: ToolSpec[] } = {},
): number {
  let characters = (extra.system ?? "").length + (extra.tools ? JSON.stringify(extra.tools).length : 0);
  for (const message of messages) {
    characters += message.content.length;
    if (message.role === "assistant" && message.toolCalls) characters += JSON.stringify(message.toolCalls).length;
  }
  return Math.ceil(characters / 4);
}
