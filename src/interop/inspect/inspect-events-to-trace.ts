import type { FinishReason, ModelRequest, ToolSpec, TraceEvent, Usage } from "../../types.js";
import { fromInspectMessages, fromInspectToolCall, messageText } from "./from-inspect-messages.js";
import type { InspectChatMessage, InspectEvent, InspectModelOutput } from "./inspect-log-types.js";
import { addUsage, fromInspectUsage } from "./inspect-usage.js";

export interface ImportedTrajectory {
  events: TraceEvent[];
  /** Usage of the solver's model calls (scorer calls excluded). */
  usage: Usage;
  /** Summed `total_cost` of those calls; null when any call lacks one. */
  costUsd: number | null;
  modelCalls: number;
  toolCalls: number;
  cachedCalls: number;
}

const FINISH: Record<string, FinishReason> = {
  stop: "stop",
  tool_calls: "tool_calls",
  max_tokens: "length",
  model_length: "length",
  content_filter: "content_filter",
};

interface Span {
  name: string;
  type: string | null;
  parent: string | null;
}

/**
 * A sample's Inspect events as a capbench trajectory: model calls, tool calls, and limits,
 * errors and info as notes. Calls made while scoring (a model grader) are left out: they are
 * the scorer's, not the solver's. Agents come from Inspect's agent spans: the top-level agent
 * is `main`, a nested one `main/<name>`. Old logs mark scoring with `step` events, newer ones
 * with spans; tool events of old logs nest their own events, which are walked too.
 */
export function inspectEventsToTrace(events: readonly InspectEvent[]): ImportedTrajectory {
  const out: ImportedTrajectory = {
    events: [],
    usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
    costUsd: 0,
    modelCalls: 0,
    toolCalls: 0,
    cachedCalls: 0,
  };
  const spans = new Map<string, Span>();
  let scorerSteps = 0;

  const ancestry = (spanId: string | null | undefined): Span[] => {
    const chain: Span[] = [];
    for (let id = spanId ?? null, guard = 0; id && guard < 1000; guard++) {
      const span = spans.get(id);
      if (!span) break;
      chain.unshift(span);
      id = span.parent;
    }
    return chain;
  };
  const agentOf = (chain: Span[]): string => {
    const agents = chain.filter((span) => span.type === "agent");
    const first = agents[0];
    const parentType = first?.parent ? spans.get(first.parent)?.type : null;
    const nested =
      first && (!first.parent || parentType === "solvers" || parentType === "solver") ? agents.slice(1) : agents;
    return ["main", ...nested.map((span) => span.name)].join("/");
  };

  const visit = (event: InspectEvent): void => {
    if (event.event === "span_begin") {
      spans.set(String(event.id), {
        name: String(event.name ?? ""),
        type: typeof event.type === "string" ? event.type : null,
        parent: typeof event.parent_id === "string" ? event.parent_id : null,
      });
      return;
    }
    if (event.event === "step" && (event.type === "scorer" || event.type === "scorers")) {
      scorerSteps = Math.max(0, scorerSteps + (event.action === "begin" ? 1 : -1));
      return;
    }
    const chain = ancestry(event.span_id);
    if (scorerSteps > 0 || chain.some((span) => span.type === "scorer" || span.type === "scorers")) return;
    const agent = agentOf(chain);
    const at = time(event.timestamp);
    const latencyMs = elapsed(event, at);
    switch (event.event) {
      case "model": {
        const converted = modelEvent(event, agent, at, latencyMs);
        out.events.push(converted.event);
        out.modelCalls++;
        if (event.cache === "read") out.cachedCalls++;
        addUsage(out.usage, converted.usage);
        out.costUsd = out.costUsd === null || converted.cost === null ? null : out.costUsd + converted.cost;
        break;
      }
      case "tool": {
        const error = event.error as { message?: string } | null | undefined;
        out.events.push({
          type: "tool",
          agent,
          at,
          call: fromInspectToolCall({
            id: String(event.id ?? ""),
            function: String(event.function ?? ""),
            arguments: event.arguments as Record<string, unknown>,
          }),
          result: {
            content: resultText(event.result) || (error?.message ?? ""),
            isError: Boolean(error),
          },
          latencyMs,
        });
        out.toolCalls++;
        for (const inner of (event.events as InspectEvent[] | undefined) ?? []) visit(inner);
        break;
      }
      case "subtask":
        for (const inner of (event.events as InspectEvent[] | undefined) ?? []) visit(inner);
        break;
      case "sample_limit":
        out.events.push({
          type: "note",
          agent,
          at,
          message: `Inspect ${String(event.type)} limit: ${String(event.message)}`,
        });
        break;
      case "error":
        out.events.push({
          type: "note",
          agent,
          at,
          message: `Inspect error: ${String((event.error as { message?: string })?.message ?? "")}`,
        });
        break;
      case "info": {
        // capbench's own notes are written as info events with data { message, data }.
        const data = event.data as { message?: unknown; data?: unknown } | null | undefined;
        if (typeof data?.message === "string")
          out.events.push({
            type: "note",
            agent,
            at,
            message: data.message,
            ...("data" in data ? { data: data.data } : {}),
          });
        else
          out.events.push({
            type: "note",
            agent,
            at,
            message: "Inspect info",
            ...(data !== undefined ? { data } : {}),
          });
        break;
      }
    }
  };
  for (const event of events) visit(event);
  if (out.modelCalls === 0) out.costUsd = null;
  return out;
}

function modelEvent(
  event: InspectEvent,
  agent: string,
  at: number,
  latencyMs: number,
): { event: TraceEvent; usage: Usage; cost: number | null } {
  const { system, messages } = fromInspectMessages((event.input as InspectChatMessage[] | undefined) ?? []);
  const config = (event.config ?? {}) as Record<string, unknown>;
  const tools = ((event.tools as Record<string, unknown>[] | undefined) ?? []).map((tool): ToolSpec => ({
    name: String(tool.name ?? ""),
    description: String(tool.description ?? ""),
    parameters: toolParameters(tool.parameters ?? { type: "object", properties: {} }),
  }));
  const request: ModelRequest = {
    ...(system !== undefined ? { system } : {}),
    messages,
    ...(tools.length ? { tools } : {}),
    ...(typeof config.max_tokens === "number" ? { maxOutputTokens: config.max_tokens } : {}),
    ...(typeof config.temperature === "number" ? { temperature: config.temperature } : {}),
    ...(typeof config.seed === "number" ? { seed: config.seed } : {}),
    ...(config.cache_prompt === "auto" || config.cache_prompt === true
      ? { cache: "auto" as const }
      : config.cache_prompt === false
        ? { cache: "off" as const }
        : {}),
  };
  const output = event.output as InspectModelOutput | undefined;
  const usage = fromInspectUsage(output?.usage);
  const cost = typeof output?.usage?.total_cost === "number" ? output.usage.total_cost : null;
  const error = typeof event.error === "string" ? event.error : output?.error ? String(output.error) : null;
  const choice = output?.choices?.[0];
  if (error || !choice) {
    return { event: { type: "model", agent, at, request, error: error ?? "no output", latencyMs }, usage, cost };
  }
  const toolCalls = (choice.message?.tool_calls ?? []).map(fromInspectToolCall);
  return {
    event: {
      type: "model",
      agent,
      at,
      request,
      response: {
        text: typeof output?.completion === "string" ? output.completion : messageText(choice.message?.content),
        toolCalls,
        finishReason: FINISH[choice.stop_reason] ?? "other",
        usage,
        latencyMs,
        cached: event.cache === "read",
        warnings: [],
      },
      latencyMs,
    },
    usage,
    cost,
  };
}

function time(timestamp: unknown): number {
  const parsed = typeof timestamp === "string" ? Date.parse(timestamp) : NaN;
  return Number.isFinite(parsed) ? parsed : 0;
}

/**
 * The call's duration in milliseconds: Inspect's `working_time` (the successful attempt, as
 * capbench measures a call), else `completed` minus the start, else the output's `time`.
 */
function elapsed(event: InspectEvent, at: number): number {
  if (typeof event.working_time === "number" && Number.isFinite(event.working_time)) return event.working_time * 1000;
  const completed = time(event.completed);
  if (completed && at && completed >= at) return completed - at;
  const output = event.output as InspectModelOutput | undefined;
  return typeof output?.time === "number" ? output.time * 1000 : 0;
}

function resultText(result: unknown): string {
  if (typeof result === "string") return result;
  if (typeof result === "number" || typeof result === "boolean") return String(result);
  if (Array.isArray(result)) return messageText(result as never);
  if (typeof result === "object" && result !== null) return messageText([result as never]);
  return "";
}

/**
 * Tool parameters without Inspect's additions: its JSONSchema model writes `default: null`
 * into every nested schema and ToolParams always has `required`; both mean "none".
 */
function toolParameters(schema: unknown): Record<string, unknown> {
  const cleaned = withoutNullDefaults(schema) as Record<string, unknown>;
  if (Array.isArray(cleaned.required) && cleaned.required.length === 0) delete cleaned.required;
  return cleaned;
}

function withoutNullDefaults(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutNullDefaults);
  if (typeof schema !== "object" || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => !(key === "default" && value === null))
      .map(([key, value]) => [key, key === "enum" || key === "examples" ? value : withoutNullDefaults(value)]),
  );
}
