import type { Message, ModelRequest, ToolCall, ToolSpec } from "../../types.js";
import type { RandomSource as Random } from "../../random/seeded-random.js";
import type { SimProfile } from "./sim-profiles.js";

// How the simulated models use tools: they read the tool specs like a real model (names and
// parameter schemas) and form calls, some malformed (a wrong argument name) by tier.

export function findTool(request: ModelRequest, name: string): ToolSpec | undefined {
  return request.tools?.find((tool) => tool.name === name);
}

/** The argument a tool expects first (its first required property). */
function mainParameter(spec: ToolSpec): string {
  const required = spec.parameters.required;
  if (Array.isArray(required) && typeof required[0] === "string") return required[0];
  return Object.keys((spec.parameters.properties ?? {}) as Record<string, unknown>)[0] ?? "input";
}

/** A call to `spec` with its main argument set to `value`; malformed with the profile's chance. */
export function formToolCall(
  spec: ToolSpec,
  value: string | null,
  context: { request: ModelRequest; profile: SimProfile; random: Random; index: number },
): ToolCall {
  const id = `sim_${context.request.messages.length}_${context.index}`;
  if (value === null) return { id, name: spec.name, arguments: {} };
  const parameter = mainParameter(spec);
  const wellFormed = context.random() < context.profile.toolReliability;
  return { id, name: spec.name, arguments: { [wellFormed ? parameter : `${parameter}_text`]: value } };
}

/** The final answer: a submit_answer call when the harness offers one, else an "Answer:" line. */
export function submitAnswer(
  answer: string,
  notes: string,
  context: { request: ModelRequest; profile: SimProfile; random: Random },
): { text: string; toolCalls?: ToolCall[] } {
  const submit = findTool(context.request, "submit_answer");
  if (!submit) return { text: `${notes ? `${notes}\n` : ""}Answer: ${answer}` };
  return { text: notes, toolCalls: [formToolCall(submit, answer, { ...context, index: 0 })] };
}

/** Tool calls the conversation has made, paired with their results (null when none yet). */
export function callsWithResults(
  messages: Message[],
): Array<{ call: ToolCall; result: string | null; isError: boolean }> {
  const results = new Map<string, { content: string; isError: boolean }>();
  for (const message of messages)
    if (message.role === "tool")
      results.set(message.toolCallId, { content: message.content, isError: message.isError ?? false });
  const pairs: Array<{ call: ToolCall; result: string | null; isError: boolean }> = [];
  for (const message of messages) {
    if (message.role !== "assistant") continue;
    for (const call of message.toolCalls ?? []) {
      const result = results.get(call.id);
      pairs.push({ call, result: result?.content ?? null, isError: result?.isError ?? false });
    }
  }
  return pairs;
}

/** The first string argument of a call (what a tool's main parameter carried). */
export function firstStringArgument(call: ToolCall): string | undefined {
  return Object.values(call.arguments).find((value): value is string => typeof value === "string");
}

/** Text of every message a model reads, tool results included; its own earlier notes last. */
export function sourceAndNoteTexts(request: ModelRequest): { sources: string[]; notes: string[] } {
  const sources: string[] = [];
  const notes: string[] = [];
  for (const message of request.messages) (message.role === "assistant" ? notes : sources).push(message.content);
  return { sources, notes };
}

/** Whether the last user message asks for a summary of the work so far (context summarization). */
export function asksForSummary(request: ModelRequest): boolean {
  const last = request.messages[request.messages.length - 1];
  return last?.role === "user" && /summari[sz]e the work so far/i.test(last.content);
}

/** Whether the last user message asks for a search query line (a retrieval step). */
export function asksForQuery(request: ModelRequest): boolean {
  const last = request.messages[request.messages.length - 1];
  return last?.role === "user" && /"Query: <query>"/.test(last.content);
}

/** Scratch files the context points to (offloaded tool output) that were not read back yet. */
export function unreadOffloads(request: ModelRequest): string[] {
  const pairs = callsWithResults(request.messages);
  const readBack = new Set(
    pairs
      .filter((pair) => pair.call.name === "read_file" && !pair.isError)
      .map((pair) => firstStringArgument(pair.call)),
  );
  const references = new Set<string>();
  for (const message of request.messages) {
    if (message.role !== "tool") continue;
    for (const match of message.content.matchAll(/saved to (\S+?\.txt)/g)) references.add(match[1]!);
  }
  return [...references].filter((reference) => !readBack.has(reference));
}
