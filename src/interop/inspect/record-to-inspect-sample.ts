import { createHash } from "node:crypto";
import type { Limits, SampleRecord, TraceEvent } from "../../types.js";
import type { InspectChatMessage, InspectEvent, InspectSample, InspectScore } from "./inspect-log-types.js";
import { toInspectUsage } from "./inspect-usage.js";
import { toInspectLimit } from "./stop-reasons.js";
import { toInspectInput, toInspectMessage, toInspectToolCall } from "./to-inspect-messages.js";
import { isoTime, TO_INSPECT_STOP, traceToInspectEvents } from "./trace-to-inspect-events.js";

/** The scorer name capbench's scores carry in an exported log. */
export const CAPBENCH_SCORER = "capbench";

export interface ExportContext {
  runId: string;
  inspectModel: string;
  harness: string;
  limits: Partial<Limits> | null;
}

/**
 * One capbench sample as an Inspect EvalSample. The task prompt and expected answer are not in
 * a results directory: `input` is the first user message of the trajectory, `target` is empty.
 * What Inspect has no field for (the exact stop reason, cost, difficulty, the error kind) is in
 * `metadata.capbench`, which `capbench import inspect` reads back.
 */
export function recordToInspectSample(
  record: SampleRecord,
  trace: readonly TraceEvent[] | null,
  context: ExportContext,
): InspectSample {
  const events = trace ?? [];
  const start = events.length ? Math.min(...events.map((event) => event.at)) : 0;
  const end = events.length
    ? Math.max(
        start + record.latencyMs,
        ...events.map((event) => event.at + ("latencyMs" in event ? event.latencyMs : 0)),
      )
    : 0;
  const lastMain = [...events].reverse().find((event) => event.type === "model" && event.agent === "main");
  const firstUser = events
    .flatMap((event) => (event.type === "model" ? event.request.messages : []))
    .find((message) => message.role === "user");
  const stopReason =
    record.stopReason === "context_overflow"
      ? "model_length"
      : lastMain?.type === "model" && lastMain.response
        ? TO_INSPECT_STOP[lastMain.response.finishReason]
        : "stop";
  const usage = toInspectUsage(record.usage, record.costUsd);
  const score: InspectScore | null = record.score
    ? {
        value: record.score.value,
        answer: record.answer,
        explanation: record.score.explanation,
        metadata: { pass: record.score.pass },
        history: [],
      }
    : null;
  const limit = toInspectLimit(record.stopReason, context.limits);
  const inspectEvents: InspectEvent[] = traceToInspectEvents(events, { ...context, start });
  if (score)
    inspectEvents.push({
      timestamp: isoTime(end || Date.now()),
      working_start: Math.max(0, (end - start) / 1000),
      event: "score",
      score,
      target: "",
      intermediate: false,
    });
  return {
    id: record.taskId,
    epoch: record.epoch + 1,
    input: firstUser?.content ?? "",
    target: "",
    messages: conversationOf(events, lastMain),
    output: {
      model: context.inspectModel.slice(context.inspectModel.indexOf("/") + 1),
      choices: [
        {
          message: {
            role: "assistant",
            content: record.answer,
            source: "generate",
            ...(lastMain?.type === "model" && lastMain.response?.toolCalls.length
              ? { tool_calls: lastMain.response.toolCalls.map(toInspectToolCall) }
              : {}),
          },
          stop_reason: stopReason ?? "unknown",
        },
      ],
      completion: record.answer,
      usage,
    },
    scores: score ? { [CAPBENCH_SCORER]: score } : null,
    metadata: {
      capbench: {
        key: record.key,
        taskId: record.taskId,
        stopReason: record.stopReason,
        costUsd: record.costUsd,
        ...(record.replayedCostUsd !== undefined ? { replayedCostUsd: record.replayedCostUsd } : {}),
        latencyMs: record.latencyMs,
        modelCalls: record.modelCalls,
        toolCalls: record.toolCalls,
        cachedCalls: record.cachedCalls,
        ...(record.difficulty !== undefined ? { difficulty: record.difficulty } : {}),
        ...(record.warnings?.length ? { warnings: record.warnings } : {}),
        ...(record.error ? { error: record.error } : {}),
      },
    },
    store: {},
    events: inspectEvents,
    model_usage: { [context.inspectModel]: usage },
    role_usage: {},
    attachments: {},
    ...(events.length ? { started_at: isoTime(start), completed_at: isoTime(end) } : {}),
    total_time: record.latencyMs / 1000,
    working_time: record.latencyMs / 1000,
    uuid: createHash("sha256").update(`${context.runId}\u0000${record.key}`).digest("base64url").slice(0, 22),
    error: record.error ? { message: record.error.message, traceback: "", traceback_ansi: "" } : null,
    limit,
  };
}

/** The main agent's conversation: its last request, that call's reply, and the tool results after it. */
function conversationOf(events: readonly TraceEvent[], lastMain: TraceEvent | undefined): InspectChatMessage[] {
  if (lastMain?.type !== "model") return [];
  const messages = toInspectInput(lastMain.request);
  if (lastMain.response)
    messages.push(
      toInspectMessage({ role: "assistant", content: lastMain.response.text, toolCalls: lastMain.response.toolCalls }),
    );
  for (const event of events) {
    if (event.type === "tool" && event.agent === "main" && event.at >= lastMain.at)
      messages.push(
        toInspectMessage({
          role: "tool",
          toolCallId: event.call.id,
          name: event.call.name,
          content: event.result.content,
          isError: event.result.isError,
        }),
      );
  }
  return messages;
}
