import { UsageError } from "../../errors.js";
import { costOf } from "../../models/prices.js";
import { sampleKey } from "../../runner/run-sample.js";
import { STOP_REASONS } from "../../types.js";
import type { Price, SampleRecord, StopReason, Tier, TraceEvent, Usage } from "../../types.js";
import { convertScoreValue } from "./convert-score-value.js";
import { messageText } from "./from-inspect-messages.js";
import { inspectEventsToTrace } from "./inspect-events-to-trace.js";
import type { InspectSample, InspectScore } from "./inspect-log-types.js";
import { inspectMessagesToTrace } from "./inspect-messages-to-trace.js";
import { fromInspectUsage } from "./inspect-usage.js";
import { resolveSampleReferences } from "./resolve-sample-references.js";
import { fromInspectEnding } from "./stop-reasons.js";

/** What the importer decided for a whole log, applied to each of its samples. */
export interface ImportedLogContext {
  file: string;
  suite: string;
  harness: string;
  model: string;
  /** The model's name in the log (`openai/gpt-4o-mini`), the key of its usage. */
  inspectModel: string;
  tier: Tier;
  simulated: boolean;
  /** A numeric capability carried by a log capbench exported (config.models[].capability). */
  capability?: number;
  /** The scorer whose score counts, and optionally the key of a dict-valued score. */
  scorer: string | null;
  scoreKey?: string;
  price: Price | null;
}

/** What capbench's own export records per sample (sample.metadata.capbench), read back exactly. */
interface CapbenchSampleMetadata {
  taskId?: string;
  stopReason?: StopReason;
  costUsd?: number | null;
  replayedCostUsd?: number;
  difficulty?: number;
  latencyMs?: number;
  modelCalls?: number;
  toolCalls?: number;
  cachedCalls?: number;
  warnings?: string[];
  error?: SampleRecord["error"];
}

/** One Inspect sample (one epoch) as a capbench sample record and its trajectory. */
export function inspectSampleToRecord(
  raw: InspectSample,
  context: ImportedLogContext,
): { record: SampleRecord; trace: TraceEvent[] | null } {
  const sample = resolveSampleReferences(raw);
  const ours = capbenchMetadata(sample.metadata);
  const taskId = ours.taskId ?? String(sample.id);
  const epoch = sample.epoch - 1;
  const where = `${context.file}: sample ${JSON.stringify(sample.id)} epoch ${sample.epoch}`;

  const events = sample.events ?? [];
  const trajectory = events.length ? inspectEventsToTrace(events) : null;
  const startedAt = Date.parse(String(sample.started_at ?? "")) || 0;
  const trace =
    trajectory?.events ?? (sample.messages?.length ? inspectMessagesToTrace(sample.messages, startedAt) : null);

  const ending = fromInspectEnding(sample);
  const stopReason = ours.stopReason ?? ending.stopReason;
  let error = ours.error ?? ending.error;
  let score: SampleRecord["score"] = null;
  if (!error) {
    const scores: Record<string, InspectScore> = sample.scores ?? (sample.score ? { score: sample.score } : {});
    const name = context.scorer ?? Object.keys(scores)[0];
    const chosen = name !== undefined ? scores[name] : undefined;
    const converted = chosen
      ? convertScoreValue(chosen.value, context.scoreKey)
      : ({ status: "unscored", reason: name === undefined ? "no score" : `no ${name} score` } as const);
    if (converted.status === "invalid")
      throw new UsageError(
        `${where}: scores.${name}${context.scoreKey ? `.${context.scoreKey}` : ""}: ${converted.reason}; choose the scorer (and key) with --scorer NAME or --scorer NAME:KEY`,
      );
    if (converted.status === "unscored") {
      error = { kind: "scorer", message: `unscored in the Inspect log (${converted.reason})` };
    } else {
      const pass = typeof chosen?.metadata?.pass === "boolean" ? chosen.metadata.pass : converted.pass;
      const explanation = chosen?.explanation ?? `Inspect ${name}: ${JSON.stringify(chosen?.value)}`;
      score = { value: converted.value, pass, explanation };
    }
  }

  const usage = trajectory?.modelCalls ? trajectory.usage : sampleUsage(sample, context.inspectModel);
  const loggedCost =
    trajectory?.modelCalls && trajectory.costUsd !== null
      ? trajectory.costUsd
      : (sample.model_usage?.[context.inspectModel]?.total_cost ?? null);
  const costUsd = ours.costUsd !== undefined ? ours.costUsd : (loggedCost ?? costOf(usage, context.price));
  const warnings = [...(ours.warnings ?? []), ...(ending.warning ? [ending.warning] : [])];
  const difficulty = ours.difficulty;

  const record: SampleRecord = {
    key: sampleKey(context.suite, taskId, context.harness, context.model, epoch),
    suite: context.suite,
    taskId,
    harness: context.harness,
    model: context.model,
    tier: context.tier,
    simulated: context.simulated,
    epoch,
    ...(difficulty !== undefined ? { difficulty } : {}),
    answer: answerOf(sample),
    score,
    stopReason,
    usage,
    costUsd,
    ...(ours.replayedCostUsd !== undefined ? { replayedCostUsd: ours.replayedCostUsd } : {}),
    latencyMs: ours.latencyMs ?? latencyOf(sample),
    modelCalls: ours.modelCalls ?? trace?.filter((event) => event.type === "model").length ?? 0,
    toolCalls: ours.toolCalls ?? trace?.filter((event) => event.type === "tool").length ?? 0,
    cachedCalls: ours.cachedCalls ?? trajectory?.cachedCalls ?? 0,
    ...(error ? { error } : {}),
    ...(warnings.length ? { warnings: [...new Set(warnings)] } : {}),
  };
  return { record, trace };
}

function answerOf(sample: InspectSample): string {
  const output = sample.output;
  if (typeof output?.completion === "string") return output.completion;
  return messageText(output?.choices?.[0]?.message?.content);
}

function sampleUsage(sample: InspectSample, inspectModel: string): Usage {
  const byModel = sample.model_usage ?? {};
  const entries = Object.values(byModel);
  return fromInspectUsage(byModel[inspectModel] ?? (entries.length === 1 ? entries[0] : undefined));
}

/** Seconds Inspect measured, else the span of the sample's event timestamps (old logs). */
function latencyOf(sample: InspectSample): number {
  for (const seconds of [sample.total_time, sample.working_time])
    if (typeof seconds === "number" && Number.isFinite(seconds)) return Math.round(seconds * 1000 * 100) / 100;
  const started = Date.parse(String(sample.started_at ?? ""));
  const completed = Date.parse(String(sample.completed_at ?? ""));
  if (Number.isFinite(started) && Number.isFinite(completed) && completed >= started) return completed - started;
  const times = (sample.events ?? []).map((event) => Date.parse(event.timestamp)).filter(Number.isFinite);
  return times.length ? Math.max(...times) - Math.min(...times) : 0;
}

function capbenchMetadata(metadata: Record<string, unknown> | undefined): CapbenchSampleMetadata {
  const value = metadata?.capbench;
  if (typeof value !== "object" || value === null) return {};
  const ours = value as Record<string, unknown>;
  return {
    ...(typeof ours.taskId === "string" ? { taskId: ours.taskId } : {}),
    ...(STOP_REASONS.includes(ours.stopReason as StopReason) ? { stopReason: ours.stopReason as StopReason } : {}),
    ...(typeof ours.costUsd === "number" || ours.costUsd === null ? { costUsd: ours.costUsd } : {}),
    ...(typeof ours.replayedCostUsd === "number" ? { replayedCostUsd: ours.replayedCostUsd } : {}),
    ...(typeof ours.difficulty === "number" ? { difficulty: ours.difficulty } : {}),
    ...(typeof ours.latencyMs === "number" ? { latencyMs: ours.latencyMs } : {}),
    ...(typeof ours.modelCalls === "number" ? { modelCalls: ours.modelCalls } : {}),
    ...(typeof ours.toolCalls === "number" ? { toolCalls: ours.toolCalls } : {}),
    ...(typeof ours.cachedCalls === "number" ? { cachedCalls: ours.cachedCalls } : {}),
    ...(Array.isArray(ours.warnings) ? { warnings: ours.warnings.map(String) } : {}),
    ...(typeof ours.error === "object" && ours.error !== null ? { error: ours.error as SampleRecord["error"] } : {}),
  };
}
