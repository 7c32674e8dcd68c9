import { createHash } from "node:crypto";
import { closeSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import type { Limits, SampleRecord, Tier, TraceEvent, Usage } from "../../types.js";
import type { InspectEvalSpec, InspectHeader, InspectPlan, InspectSample } from "./inspect-log-types.js";
import { addUsage, toInspectUsage } from "./inspect-usage.js";
import { inspectModelName } from "./model-names.js";
import { CAPBENCH_SCORER, recordToInspectSample } from "./record-to-inspect-sample.js";
import { createZipFileWriter } from "./zip-file-writer.js";

export interface ExportCell {
  suite: string;
  harness: string;
  model: string;
  tier: Tier;
  simulated: boolean;
  /** The model's numeric capability when the run's config gave one. */
  capability?: number;
}

export interface ExportRun {
  runId: string;
  status: string;
  startedAt: string;
  endedAt: string | null;
  limits: Partial<Limits> | null;
  epochs: number;
  capbenchVersion: string;
}

export interface InspectLogWriter {
  addSample(record: SampleRecord, trace: TraceEvent[] | null): void;
  finish(): { samples: number };
  abort(): void;
}

const STATUS: Record<string, InspectHeader["status"]> = {
  complete: "success",
  running: "started",
  interrupted: "cancelled",
  partial: "cancelled",
  incomplete: "error",
};

/**
 * One Inspect `.eval` archive for one (suite, harness, model) cell, laid out like Inspect's own
 * recorder: _journal/start.json, samples/<id>_epoch_<n>.json as they come, then
 * _journal/summaries/1.json, summaries.json, reductions.json and header.json. Sample summaries
 * are spooled to a side file, so memory follows the number of tasks, not of samples.
 */
export function createInspectLogWriter(file: string, cell: ExportCell, run: ExportRun): InspectLogWriter {
  const zip = createZipFileWriter(file);
  const spoolFile = `${file}.summaries-${process.pid}`;
  const spool = openSync(spoolFile, "w+");
  const inspectModel = inspectModelName(cell.model);
  const id = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 22);
  const [solver, params] = splitHarness(cell.harness);
  const plan: InspectPlan = { name: "plan", steps: [{ solver, params, params_passed: params }], config: {} };
  const spec: InspectEvalSpec = {
    eval_id: id(`${run.runId}\u0000${cell.suite}\u0000${cell.harness}\u0000${cell.model}`),
    run_id: run.runId,
    created: run.startedAt,
    task: cell.suite,
    task_id: id(`${run.runId}\u0000${cell.suite}`),
    task_version: 0,
    task_attribs: {},
    task_args: {},
    task_args_passed: {},
    solver: cell.harness,
    solver_args: params,
    solver_args_passed: params,
    dataset: { name: cell.suite, samples: 0, sample_ids: [], shuffled: false },
    model: inspectModel,
    model_generate_config: {},
    model_args: {},
    config: {
      epochs: run.epochs,
      ...(typeof run.limits?.maxTurns === "number" ? { turn_limit: run.limits.maxTurns } : {}),
      ...(typeof run.limits?.maxTokens === "number" ? { token_limit: run.limits.maxTokens } : {}),
      ...(typeof run.limits?.timeoutMs === "number" ? { time_limit: Math.ceil(run.limits.timeoutMs / 1000) } : {}),
      ...(typeof run.limits?.maxCostUsd === "number" ? { cost_limit: run.limits.maxCostUsd } : {}),
    },
    packages: { capbench: run.capbenchVersion },
    metadata: {
      capbench: {
        runId: run.runId,
        suite: cell.suite,
        harness: cell.harness,
        model: cell.model,
        tier: cell.tier,
        simulated: cell.simulated,
        ...(cell.capability !== undefined ? { capability: cell.capability } : {}),
      },
    },
  };
  const tasks = new Map<string, { sum: number; scored: number; answer: string; explanation: string }>();
  const usage: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  let cost: number | null = 0;
  let samples = 0;
  let completed = 0;
  let spooled = 0;

  const spoolWrite = (text: string) => {
    const bytes = Buffer.from(text);
    for (let done = 0; done < bytes.length;) done += writeSync(spool, bytes, done, bytes.length - done);
    spooled += bytes.length;
  };
  const spoolChunks = function* (): Generator<Uint8Array> {
    for (let position = 0; position < spooled;) {
      const buffer = Buffer.alloc(Math.min(1 << 20, spooled - position));
      const read = readSync(spool, buffer, 0, buffer.length, position);
      if (read === 0) break;
      position += read;
      yield buffer.subarray(0, read);
    }
  };

  zip.add("_journal/start.json", JSON.stringify({ version: 2, eval: spec, plan }));
  return {
    addSample(record, trace) {
      const sample = recordToInspectSample(record, trace, {
        runId: run.runId,
        inspectModel,
        harness: cell.harness,
        limits: run.limits,
      });
      zip.add(`samples/${sample.id}_epoch_${sample.epoch}.json`, JSON.stringify(sample));
      spoolWrite(`${samples === 0 ? "[" : ","}${JSON.stringify(summaryOf(sample))}`);
      samples++;
      if (!record.error) completed++;
      addUsage(usage, record.usage);
      cost = cost === null || record.costUsd === null ? null : cost + record.costUsd;
      const task = tasks.get(record.taskId) ?? { sum: 0, scored: 0, answer: record.answer, explanation: "" };
      if (record.score) {
        task.sum += record.score.value;
        task.scored++;
        task.explanation = record.score.explanation;
      }
      tasks.set(record.taskId, task);
    },
    finish() {
      spoolWrite(samples === 0 ? "[]" : "]");
      zip.add("_journal/summaries/1.json", spoolChunks());
      zip.add("summaries.json", spoolChunks());
      const reduced = [...tasks].filter(([, task]) => task.scored > 0);
      const values = reduced.map(([, task]) => task.sum / task.scored);
      zip.add(
        "reductions.json",
        JSON.stringify([
          {
            scorer: CAPBENCH_SCORER,
            reducer: "mean",
            samples: reduced.map(([taskId, task], index) => ({
              value: values[index],
              answer: task.answer,
              explanation: task.explanation,
              history: [],
              sample_id: taskId,
            })),
          },
        ]),
      );
      const modelUsage = { [inspectModel]: toInspectUsage(usage, cost) };
      const header: InspectHeader = {
        version: 2,
        status: STATUS[run.status] ?? "success",
        eval: { ...spec, dataset: { ...spec.dataset, samples: tasks.size, sample_ids: [...tasks.keys()] } },
        plan,
        results: {
          total_samples: samples,
          completed_samples: completed,
          scores: [
            {
              name: CAPBENCH_SCORER,
              scorer: CAPBENCH_SCORER,
              reducer: "mean",
              params: {},
              metrics: {
                accuracy: { name: "accuracy", value: mean(values), params: {} },
                stderr: { name: "stderr", value: standardError(values), params: {} },
              },
              scored_samples: values.length,
              unscored_samples: tasks.size - values.length,
            },
          ],
        },
        stats: {
          started_at: run.startedAt,
          completed_at: run.endedAt ?? "",
          model_usage: modelUsage,
          role_usage: {},
          connection_limit_history: [],
        },
        invalidated: false,
        tags: [],
        metadata: {},
      };
      zip.add("header.json", JSON.stringify(header));
      zip.finish();
      closeSync(spool);
      rmSync(spoolFile, { force: true });
      return { samples };
    },
    abort() {
      zip.abort();
      closeSync(spool);
      rmSync(spoolFile, { force: true });
    },
  };
}

/** `agent[context=compact]` → solver `agent` with params `{ context: "compact" }`. */
function splitHarness(harness: string): [string, Record<string, string>] {
  const match = /^([^[\]]+)\[(.*)\]$/.exec(harness);
  if (!match) return [harness, {}];
  const params: Record<string, string> = {};
  for (const pair of match[2]!.split(",")) {
    const equals = pair.indexOf("=");
    if (equals > 0) params[pair.slice(0, equals).trim()] = pair.slice(equals + 1).trim();
  }
  return [match[1]!, params];
}

function summaryOf(sample: InspectSample): Record<string, unknown> {
  return {
    id: sample.id,
    epoch: sample.epoch,
    input: sample.input,
    target: sample.target,
    metadata: sample.metadata,
    scores: sample.scores,
    model_usage: sample.model_usage,
    role_usage: {},
    total_time: sample.total_time,
    working_time: sample.working_time,
    uuid: sample.uuid,
    error: sample.error?.message ?? null,
    limit: sample.limit?.type ?? null,
    completed: true,
    message_count: sample.messages?.length ?? 0,
    ...(sample.started_at ? { started_at: sample.started_at, completed_at: sample.completed_at } : {}),
  };
}

function mean(values: number[]): number {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
}

function standardError(values: number[]): number {
  if (values.length < 2) return 0;
  const average = mean(values);
  const variance = values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance / values.length);
}
