// Prompt-caching breakpoints for the Messages API (`cache_control: { type: "ephemeral" }`, the
// 5-minute cache). Anthropic caches the prefix up to a marked block (in the order tools, system,
// messages) and allows at most 4 marks. On an agent's turn N this marks:
//   1. the last tool: the tool list, shared by every sample of the harness;
//   2. the system prompt: tools + system, also shared across samples;
//   3. the end of turn N-1's request (the user message before the last assistant reply): the
//      prefix turn N-1 wrote, read back now at a tenth of the input price;
//   4. the end of this request: written now (1.25× input), read by turn N+1.
// Prefixes shorter than the model's minimum (1,024 tokens for most models) are not cached by
// the provider and cost nothing extra. Empty text blocks cannot carry a mark and are skipped.

type Block = Record<string, unknown>;
interface WireMessage {
  role: "user" | "assistant";
  content: string | Block[];
}

const EPHEMERAL = { type: "ephemeral" } as const;

/** Marks the message's last block; a string content becomes one text block. False when it cannot carry a mark. */
function markLastBlock(message: WireMessage): boolean {
  if (typeof message.content === "string") {
    if (message.content === "") return false;
    message.content = [{ type: "text", text: message.content, cache_control: EPHEMERAL }];
    return true;
  }
  const last = message.content[message.content.length - 1];
  if (!last || (last.type === "text" && last.text === "")) return false;
  message.content = [...message.content.slice(0, -1), { ...last, cache_control: EPHEMERAL }];
  return true;
}

/** A copy of a Messages API body with cache breakpoints on its stable prefix (at most 4). */
export function withCacheBreakpoints(body: Record<string, unknown>): Record<string, unknown> {
  const marked: Record<string, unknown> = { ...body };
  const tools = body.tools as Block[] | undefined;
  if (tools?.length) marked.tools = [...tools.slice(0, -1), { ...tools[tools.length - 1], cache_control: EPHEMERAL }];
  if (typeof body.system === "string" && body.system !== "")
    marked.system = [{ type: "text", text: body.system, cache_control: EPHEMERAL }];
  const messages = ((body.messages as WireMessage[] | undefined) ?? []).map((message) => ({ ...message }));
  marked.messages = messages;
  if (messages.length === 0) return marked;
  markLastBlock(messages[messages.length - 1]!);
  const lastAssistant = messages.findLastIndex((message) => message.role === "assistant");
  const priorEnd = messages[lastAssistant - 1];
  if (lastAssistant > 0 && priorEnd?.role === "user") markLastBlock(priorEnd);
  return marked;
}
