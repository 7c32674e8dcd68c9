import type { FinishReason, TraceEvent } from "../../types.js";
import type { InspectEvent, InspectModelOutput } from "./inspect-log-types.js";
import { toInspectUsage } from "./inspect-usage.js";
import { toInspectInput, toInspectToolCall, toInspectToolInfo } from "./to-inspect-messages.js";

export const TO_INSPECT_STOP: Record<FinishReason, string> = {
  stop: "stop",
  tool_calls: "tool_calls",
  length: "max_tokens",
  content_filter: "content_filter",
  other: "unknown",
};

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * A capbench trajectory as Inspect events, in time order: model events (input, tools, config,
 * output, usage, timing, cache hits) and tool events, inside one agent span per capbench agent
 * (`main` is named after the harness; `main/sub-1` becomes span `sub-1` under it), and notes as
 * info events. `start` is the sample's start (working_start is measured from it).
 */
export function traceToInspectEvents(
  trace: readonly TraceEvent[],
  context: { inspectModel: string; harness: string; start: number },
): InspectEvent[] {
  const events = [...trace].sort((a, b) => a.at - b.at);
  const endOf = (event: TraceEvent) => event.at + ("latencyMs" in event ? event.latencyMs : 0);
  // A span closes after the last event of its agent or of any agent nested in it.
  const lastIndex = new Map<string, number>();
  events.forEach((event, index) => {
    for (let agent: string | null = event.agent; agent; agent = parentOf(agent)) lastIndex.set(agent, index);
  });
  const spanIds = new Map<string, string>();
  const ends = new Map<string, number>();
  const out: InspectEvent[] = [];
  const base = (at: number) => ({ timestamp: isoTime(at), working_start: Math.max(0, (at - context.start) / 1000) });

  const open = (agent: string, at: number): string => {
    const existing = spanIds.get(agent);
    if (existing) return existing;
    const parent = parentOf(agent);
    const parentId = parent ? open(parent, at) : null;
    const id = `agent-${spanIds.size + 1}`;
    spanIds.set(agent, id);
    const name = parent ? agent.slice(parent.length + 1) : context.harness;
    out.push({ ...base(at), event: "span_begin", id, name, type: "agent", parent_id: parentId, span_id: parentId });
    return id;
  };

  events.forEach((event, index) => {
    const spanId = open(event.agent, event.at);
    for (let agent: string | null = event.agent; agent; agent = parentOf(agent))
      ends.set(agent, Math.max(ends.get(agent) ?? 0, endOf(event)));
    out.push({ ...convert(event, context.inspectModel, base(event.at)), span_id: spanId });
    // Close the spans (deepest first) whose last event this was.
    const closing = [...lastIndex].filter(([, last]) => last === index).map(([agent]) => agent);
    closing.sort((a, b) => b.length - a.length);
    for (const agent of closing) {
      const id = spanIds.get(agent)!;
      out.push({ ...base(ends.get(agent) ?? event.at), event: "span_end", id, span_id: id });
    }
  });
  return out;
}

function parentOf(agent: string): string | null {
  const slash = agent.lastIndexOf("/");
  return slash === -1 ? null : agent.slice(0, slash);
}

function convert(
  event: TraceEvent,
  inspectModel: string,
  base: { timestamp: string; working_start: number },
): InspectEvent {
  switch (event.type) {
    case "model": {
      const { request, response } = event;
      const tools = (request.tools ?? []).map(toInspectToolInfo);
      const output: InspectModelOutput = response
        ? {
            model: inspectModel.slice(inspectModel.indexOf("/") + 1),
            choices: [
              {
                message: {
                  role: "assistant",
                  content: response.text,
                  source: "generate",
                  ...(response.toolCalls.length ? { tool_calls: response.toolCalls.map(toInspectToolCall) } : {}),
                },
                stop_reason: TO_INSPECT_STOP[response.finishReason] ?? "unknown",
              },
            ],
            completion: response.text,
            usage: toInspectUsage(response.usage),
            time: response.latencyMs / 1000,
          }
        : { model: inspectModel, choices: [], completion: "", error: event.error ?? "error" };
      return {
        ...base,
        event: "model",
        model: inspectModel,
        input: toInspectInput(request),
        tools,
        tool_choice: tools.length ? "auto" : "none",
        config: {
          ...(request.maxOutputTokens !== undefined ? { max_tokens: request.maxOutputTokens } : {}),
          ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
          ...(request.seed !== undefined ? { seed: request.seed } : {}),
          // Inspect's provider prompt caching (Anthropic): "auto" or off.
          ...(request.cache !== undefined ? { cache_prompt: request.cache === "auto" ? "auto" : false } : {}),
        },
        output,
        error: event.error ?? null,
        cache: response?.cached ? "read" : null,
        completed: isoTime(event.at + event.latencyMs),
        working_time: event.latencyMs / 1000,
      };
    }
    case "tool":
      return {
        ...base,
        event: "tool",
        type: "function",
        id: event.call.id,
        function: event.call.name,
        arguments: event.call.arguments,
        result: event.result.content,
        events: [],
        error: event.result.isError ? { type: "unknown", message: event.result.content } : null,
        completed: isoTime(event.at + event.latencyMs),
        working_time: event.latencyMs / 1000,
      };
    case "note":
      return {
        ...base,
        event: "info",
        source: event.agent,
        data: { message: event.message, ...(event.data !== undefined ? { data: event.data as never } : {}) },
      };
  }
}
