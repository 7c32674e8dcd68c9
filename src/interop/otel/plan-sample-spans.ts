import type { FinishReason, Message, SampleRecord, TraceEvent } from "../../types.js";
import { GEN_AI, GEN_AI_EVALUATION_RESULT, GEN_AI_OPERATIONS } from "./gen-ai-attributes.js";

export type SpanAttributes = Record<string, string | number | boolean | string[]>;

/** One span to emit, independent of the SDK (so the mapping is testable on its own). */
export interface PlannedSpan {
  name: string;
  kind: "internal" | "client";
  /** Milliseconds since the epoch. */
  start: number;
  end: number;
  /** Index of the parent in the plan; null for the sample's root span. Parents come first. */
  parent: number | null;
  attributes: SpanAttributes;
  events: { name: string; time: number; attributes: SpanAttributes }[];
  /** Set when the operation failed: the span's status is ERROR with this message. */
  error?: string;
}

export interface PlanOptions {
  /** Message contents, tool arguments and results, score explanations (opt-in). */
  content: boolean;
  runId?: string;
  /** End of a sample without trace events (default: now). */
  now?: number;
}

const FINISH: Record<FinishReason, string> = {
  stop: "stop",
  tool_calls: "tool_call",
  length: "length",
  content_filter: "content_filter",
  other: "other",
};

const PROVIDERS: Record<string, string> = { sim: "capbench.sim" };

/**
 * The spans of one finished sample, after the GenAI semantic conventions: an `invoke_agent`
 * span for the sample (named after the harness) with the score as a `gen_ai.evaluation.result`
 * event, an `invoke_agent` child per sub-agent (`main/sub-1` → `<harness>/sub-1`), and under
 * each agent a `chat` span per model call and an `execute_tool` span per tool call, timed from
 * the trace events (`at`, `latencyMs`).
 */
export function planSampleSpans(
  record: SampleRecord,
  trace: readonly TraceEvent[],
  options: PlanOptions,
): PlannedSpan[] {
  const colon = record.model.indexOf(":");
  const provider = colon === -1 ? "unknown" : record.model.slice(0, colon);
  const modelId = colon === -1 ? record.model : record.model.slice(colon + 1);
  const common: SpanAttributes = {
    [GEN_AI.providerName]: PROVIDERS[provider] ?? provider,
    [GEN_AI.system]: PROVIDERS[provider] ?? provider,
    [GEN_AI.conversationId]: record.key,
  };
  const endOf = (event: TraceEvent) => event.at + ("latencyMs" in event ? event.latencyMs : 0);
  const start = trace.length
    ? Math.min(...trace.map((event) => event.at))
    : (options.now ?? Date.now()) - record.latencyMs;
  const end = Math.max(start + record.latencyMs, ...trace.map(endOf));
  const agentName = (agent: string) => (agent === "main" ? record.harness : `${record.harness}${agent.slice(4)}`);

  const spans: PlannedSpan[] = [];
  const root: PlannedSpan = {
    name: `${GEN_AI_OPERATIONS.invokeAgent} ${record.harness}`,
    kind: "internal",
    start,
    end,
    parent: null,
    attributes: {
      ...common,
      [GEN_AI.operationName]: GEN_AI_OPERATIONS.invokeAgent,
      [GEN_AI.agentName]: record.harness,
      [GEN_AI.requestModel]: modelId,
      [GEN_AI.usageInputTokens]: record.usage.inputTokens,
      [GEN_AI.usageOutputTokens]: record.usage.outputTokens,
      ...(options.runId ? { "capbench.run.id": options.runId } : {}),
      "capbench.suite": record.suite,
      "capbench.task.id": record.taskId,
      "capbench.harness": record.harness,
      "capbench.model": record.model,
      "capbench.tier": record.tier,
      "capbench.simulated": record.simulated,
      "capbench.epoch": record.epoch,
      "capbench.stop_reason": record.stopReason,
      "capbench.model_calls": record.modelCalls,
      "capbench.tool_calls": record.toolCalls,
      ...(typeof record.costUsd === "number" ? { "capbench.cost_usd": record.costUsd } : {}),
      ...(record.error ? { [GEN_AI.errorType]: record.error.kind } : {}),
    },
    events: [evaluationEvent(record, end, options.content)],
    ...(record.error ? { error: record.error.message } : {}),
  };
  spans.push(root);

  // One span per agent: its extent covers its own events and those of agents nested in it.
  const agentSpan = new Map<string, number>([["main", 0]]);
  const extent = new Map<string, { start: number; end: number }>();
  for (const event of trace)
    for (let agent: string | null = event.agent; agent && agent !== "main"; agent = parentOf(agent)) {
      const current = extent.get(agent);
      extent.set(agent, {
        start: Math.min(current?.start ?? Infinity, event.at),
        end: Math.max(current?.end ?? -Infinity, endOf(event)),
      });
    }
  const spanOf = (agent: string): number => {
    const known = agentSpan.get(agent);
    if (known !== undefined) return known;
    const parent = spanOf(parentOf(agent) ?? "main");
    const bounds = extent.get(agent) ?? { start, end };
    spans.push({
      name: `${GEN_AI_OPERATIONS.invokeAgent} ${agentName(agent)}`,
      kind: "internal",
      start: bounds.start,
      end: bounds.end,
      parent,
      attributes: {
        ...common,
        [GEN_AI.operationName]: GEN_AI_OPERATIONS.invokeAgent,
        [GEN_AI.agentName]: agentName(agent),
        [GEN_AI.requestModel]: modelId,
      },
      events: [],
    });
    agentSpan.set(agent, spans.length - 1);
    return spans.length - 1;
  };

  for (const event of [...trace].sort((a, b) => a.at - b.at)) {
    const parent = spanOf(event.agent);
    if (event.type === "model") spans.push(chatSpan(event, parent, modelId, common, options.content));
    else if (event.type === "tool") spans.push(toolSpan(event, parent, common, options.content));
    else
      spans[parent]!.events.push({
        name: "capbench.note",
        time: event.at,
        attributes: {
          "capbench.note.message": event.message,
          ...(options.content && event.data !== undefined ? { "capbench.note.data": JSON.stringify(event.data) } : {}),
        },
      });
  }
  return spans;
}

function parentOf(agent: string): string | null {
  const slash = agent.lastIndexOf("/");
  return slash === -1 ? null : agent.slice(0, slash);
}

function evaluationEvent(record: SampleRecord, time: number, content: boolean): PlannedSpan["events"][number] {
  const attributes: SpanAttributes = { [GEN_AI.evaluationName]: record.suite };
  if (record.score) {
    attributes[GEN_AI.evaluationScoreValue] = record.score.value;
    attributes[GEN_AI.evaluationScoreLabel] = record.score.pass ? "pass" : "fail";
    if (content) attributes[GEN_AI.evaluationExplanation] = record.score.explanation;
  } else {
    attributes[GEN_AI.errorType] = record.error?.kind ?? "unscored";
  }
  return { name: GEN_AI_EVALUATION_RESULT, time, attributes };
}

function chatSpan(
  event: Extract<TraceEvent, { type: "model" }>,
  parent: number,
  modelId: string,
  common: SpanAttributes,
  content: boolean,
): PlannedSpan {
  const { request, response } = event;
  const attributes: SpanAttributes = {
    ...common,
    [GEN_AI.operationName]: GEN_AI_OPERATIONS.chat,
    [GEN_AI.requestModel]: modelId,
    ...(request.maxOutputTokens !== undefined ? { [GEN_AI.requestMaxTokens]: request.maxOutputTokens } : {}),
    ...(request.temperature !== undefined ? { [GEN_AI.requestTemperature]: request.temperature } : {}),
    ...(request.seed !== undefined ? { [GEN_AI.requestSeed]: request.seed } : {}),
  };
  if (response) {
    attributes[GEN_AI.responseFinishReasons] = [FINISH[response.finishReason] ?? "other"];
    attributes[GEN_AI.usageInputTokens] = response.usage.inputTokens;
    attributes[GEN_AI.usageOutputTokens] = response.usage.outputTokens;
    if (response.usage.cacheReadTokens) attributes[GEN_AI.usageCacheReadInputTokens] = response.usage.cacheReadTokens;
    if (response.usage.cacheWriteTokens)
      attributes[GEN_AI.usageCacheCreationInputTokens] = response.usage.cacheWriteTokens;
    if (response.cached) attributes["capbench.cached"] = true;
  } else {
    attributes[GEN_AI.errorType] = "_OTHER";
  }
  if (content) {
    if (request.system !== undefined)
      attributes[GEN_AI.systemInstructions] = JSON.stringify([{ type: "text", content: request.system }]);
    attributes[GEN_AI.inputMessages] = JSON.stringify(request.messages.map(toOtelMessage));
    if (request.tools?.length)
      attributes[GEN_AI.toolDefinitions] = JSON.stringify(
        request.tools.map((tool) => ({
          type: "function",
          name: tool.name,
          description: tool.description,
          parameters: tool.parameters,
        })),
      );
    if (response)
      attributes[GEN_AI.outputMessages] = JSON.stringify([
        {
          ...toOtelMessage({ role: "assistant", content: response.text, toolCalls: response.toolCalls }),
          finish_reason: FINISH[response.finishReason] ?? "other",
        },
      ]);
  }
  return {
    name: `${GEN_AI_OPERATIONS.chat} ${modelId}`,
    kind: "client",
    start: event.at,
    end: event.at + event.latencyMs,
    parent,
    attributes,
    events: [],
    ...(event.error !== undefined ? { error: event.error } : {}),
  };
}

function toolSpan(
  event: Extract<TraceEvent, { type: "tool" }>,
  parent: number,
  common: SpanAttributes,
  content: boolean,
): PlannedSpan {
  return {
    name: `${GEN_AI_OPERATIONS.executeTool} ${event.call.name}`,
    kind: "internal",
    start: event.at,
    end: event.at + event.latencyMs,
    parent,
    attributes: {
      ...common,
      [GEN_AI.operationName]: GEN_AI_OPERATIONS.executeTool,
      [GEN_AI.toolName]: event.call.name,
      [GEN_AI.toolType]: "function",
      [GEN_AI.toolCallId]: event.call.id,
      ...(event.result.isError ? { [GEN_AI.errorType]: "tool_error" } : {}),
      ...(content
        ? {
            [GEN_AI.toolCallArguments]: JSON.stringify(event.call.arguments),
            [GEN_AI.toolCallResult]: event.result.content,
          }
        : {}),
    },
    events: [],
    ...(event.result.isError ? { error: content ? event.result.content : "tool returned an error" } : {}),
  };
}

/** A capbench message in the conventions' message format (role and typed parts). */
function toOtelMessage(message: Message): Record<string, unknown> {
  switch (message.role) {
    case "user":
      return { role: "user", parts: [{ type: "text", content: message.content }] };
    case "assistant":
      return {
        role: "assistant",
        parts: [
          ...(message.content ? [{ type: "text", content: message.content }] : []),
          ...(message.toolCalls ?? []).map((call) => ({
            type: "tool_call",
            id: call.id,
            name: call.name,
            arguments: call.arguments,
          })),
        ],
      };
    case "tool":
      return {
        role: "tool",
        parts: [{ type: "tool_call_response", id: message.toolCallId, response: message.content }],
      };
  }
}
