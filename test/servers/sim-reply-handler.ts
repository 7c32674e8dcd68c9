import { createSimModel } from "../../src/models/sim/sim-model.js";
import type { Message, ModelRequest, Tier, ToolCall } from "../../src/types.js";
import type { RecordedRequest, Reply, ReplyHandler } from "./fake-server.js";

// A stand-in model that is one of the simulated ladder's models behind a provider's wire
// format: the request body (OpenAI Chat Completions or Anthropic Messages) is read back into
// capbench's request shape and answered by sim:low|mid|frontier. Real harness code then talks
// to a real SDK, and gets the ladder's answers and tool calls (and, through the Anthropic
// stand-in's cache accounting, real prompt-caching usage).

type Body = Record<string, unknown>;
type Block = {
  type?: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  tool_use_id?: string;
  content?: unknown;
  is_error?: boolean;
};

const textOf = (content: unknown): string =>
  typeof content === "string"
    ? content
    : Array.isArray(content)
      ? (content as Block[]).map((block) => (block.type === "text" ? (block.text ?? "") : "")).join("")
      : "";

/** Anthropic Messages body → ModelRequest. */
export function requestFromAnthropicBody(body: Body): ModelRequest {
  const messages: Message[] = [];
  const names = new Map<string, string>();
  for (const message of (body.messages as { role: string; content: string | Block[] }[]) ?? []) {
    if (typeof message.content === "string") {
      messages.push({ role: message.role as "user" | "assistant", content: message.content } as Message);
      continue;
    }
    if (message.role === "assistant") {
      const toolCalls: ToolCall[] = message.content
        .filter((block) => block.type === "tool_use")
        .map((block) => ({
          id: block.id!,
          name: block.name!,
          arguments: (block.input ?? {}) as Record<string, unknown>,
        }));
      for (const call of toolCalls) names.set(call.id, call.name);
      messages.push({
        role: "assistant",
        content: textOf(message.content),
        ...(toolCalls.length ? { toolCalls } : {}),
      });
      continue;
    }
    for (const block of message.content) {
      if (block.type === "tool_result")
        messages.push({
          role: "tool",
          toolCallId: block.tool_use_id!,
          name: names.get(block.tool_use_id!) ?? "",
          content: textOf(block.content),
          ...(block.is_error ? { isError: true } : {}),
        });
      else if (block.type === "text") messages.push({ role: "user", content: block.text ?? "" });
    }
  }
  const tools = (body.tools as { name: string; description?: string; input_schema?: Body }[] | undefined)?.map(
    (tool) => ({
      name: tool.name,
      description: tool.description ?? "",
      parameters: tool.input_schema ?? {},
    }),
  );
  const system = typeof body.system === "string" ? body.system : textOf(body.system);
  return { ...(system ? { system } : {}), messages, ...(tools?.length ? { tools } : {}) };
}

/** OpenAI Chat Completions body → ModelRequest. */
export function requestFromOpenAIBody(body: Body): ModelRequest {
  const messages: Message[] = [];
  let system = "";
  for (const message of (body.messages as Body[]) ?? []) {
    if (message.role === "system" || message.role === "developer") system += textOf(message.content);
    else if (message.role === "user") messages.push({ role: "user", content: textOf(message.content) });
    else if (message.role === "assistant") {
      const toolCalls = ((message.tool_calls as Body[] | undefined) ?? []).map((call) => {
        const fn = call.function as { name: string; arguments: string };
        return {
          id: String(call.id),
          name: fn.name,
          arguments: JSON.parse(fn.arguments || "{}") as Record<string, unknown>,
        };
      });
      messages.push({
        role: "assistant",
        content: textOf(message.content),
        ...(toolCalls.length ? { toolCalls } : {}),
      });
    } else if (message.role === "tool") {
      const id = String(message.tool_call_id);
      const call = messages
        .flatMap((item) => (item.role === "assistant" ? (item.toolCalls ?? []) : []))
        .find((item) => item.id === id);
      messages.push({ role: "tool", toolCallId: id, name: call?.name ?? "", content: textOf(message.content) });
    }
  }
  const tools = (
    body.tools as { function: { name: string; description?: string; parameters?: Body } }[] | undefined
  )?.map((tool) => ({
    name: tool.function.name,
    description: tool.function.description ?? "",
    parameters: tool.function.parameters ?? {},
  }));
  return { ...(system ? { system } : {}), messages, ...(tools?.length ? { tools } : {}) };
}

/** A reply handler answering as `sim:<tier>` (seeded), for either wire format. */
export function simReplyHandler(tier: Tier, options: { seed?: number; format: "anthropic" | "openai" }): ReplyHandler {
  const model = createSimModel({ id: `sim:${tier}`, tier }, { seed: options.seed ?? 1 });
  return async (recorded: RecordedRequest): Promise<Reply> => {
    const body = (recorded.body ?? {}) as Body;
    const request = options.format === "anthropic" ? requestFromAnthropicBody(body) : requestFromOpenAIBody(body);
    const response = await model.generate(request);
    return {
      text: response.text,
      ...(response.toolCalls.length ? { toolCalls: response.toolCalls } : {}),
      // Output tokens as the ladder counts them; input is the stand-in's to account (prompt cache).
      usage: { output: response.usage.outputTokens },
    };
  };
}
