import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { DEFAULTS } from "../config/defaults.js";
import { loadSuite } from "../config/load-suite.js";
import { UsageError } from "../errors.js";
import { formatZodIssues } from "../format-zod-issues.js";
import { checkSandbox, configureSandbox, type SandboxMode } from "../sandbox/index.js";
import { RUN_FILE, SampleIdentitySet, type RunConfigRecord } from "../store/index.js";
import type { ModelClient, Suite, Task, Tier } from "../types.js";
import type { CompletionsFileSpec } from "./completions-file-spec.js";
import type { PlannedModel } from "./plan-samples.js";
import type { ResolvedHarness } from "../registry/resolve-harness-ref.js";
import { sampleKey, type SamplePlan } from "./run-sample.js";
import type { SampleSource } from "./sample-source.js";
import { readCompletionsFile } from "./score-completions-file.js";

export interface CompletionsSourceOptions {
  /** Suite reference: built-in name, `importer:PATH` or a suite file. */
  suite: string;
  files: CompletionsFileSpec[];
  /** Labels of lines that carry none, in files that give none. */
  defaults: { harness: string; model: string; tier: Tier };
  cwd: string;
  /** Relative suite and completions paths resolve here. */
  baseDir: string;
  sandbox: SandboxMode;
  limit: number | null;
  seed: number;
  concurrency: number;
  /** For a model-graded (rubric) scorer's credentials. */
  env: NodeJS.ProcessEnv;
}

export interface CompletionsSource extends SampleSource {
  /** Completion lines in all files, tasks with at least one, and the suite's tasks with none. */
  stats: { completions: number; tasksScored: number; tasksWithout: number };
}

/** One line with its labels and epoch settled. */
interface LabelledLine {
  task: Task;
  harness: string;
  model: string;
  tier: Tier;
  epoch: number;
  completion: string;
}

interface ResolvedFile {
  spec: CompletionsFileSpec;
  file: string;
  display: string;
}

/**
 * Reads every line of every file in order, settling its labels (its own, else the file's, else
 * the defaults) and its epoch (its own, else the next one of its task × harness × model). Both
 * passes over the files go through here, so they agree.
 */
async function* labelledLines(files: ResolvedFile[], suite: Suite, defaults: CompletionsSourceOptions["defaults"]) {
  const tasks = new Map(suite.tasks.map((task) => [task.id, task]));
  const suiteIds = { name: suite.name, taskIds: new Set(tasks.keys()) };
  const nextEpoch = new Map<string, number>();
  for (const { spec, file, display } of files) {
    for await (const line of readCompletionsFile(file, display, suiteIds, spec.field)) {
      const harness = line.harness ?? spec.harness ?? defaults.harness;
      const model = line.model ?? spec.model ?? defaults.model;
      const tier = line.tier ?? spec.tier ?? defaults.tier;
      const cell = `${line.taskId}\u0000${harness}\u0000${model}`;
      let epoch = line.epoch;
      if (epoch === undefined) {
        epoch = nextEpoch.get(cell) ?? 0;
        nextEpoch.set(cell, epoch + 1);
      }
      yield {
        where: `${display}: line ${line.line}`,
        line: {
          task: tasks.get(line.taskId)!,
          harness,
          model,
          tier,
          epoch,
          completion: line.completion,
        } as LabelledLine,
      };
    }
  }
}

/** A model client standing for the model that wrote the completions: it is never called. */
function recordedModel(id: string): ModelClient {
  return {
    id,
    provider: "completions",
    modelId: id,
    simulated: false,
    generate() {
      return Promise.reject(new Error(`${id}: completions are scored as recorded; no model is called`));
    },
  };
}

/** A harness that gives the recorded answer. */
function recordedHarness(label: string, answer: string): ResolvedHarness {
  return {
    label,
    ref: label,
    options: {},
    harness: { name: label, run: () => Promise.resolve({ answer, stopReason: "answered" }) },
  };
}

/**
 * The source of `capbench score`: answers recorded elsewhere (completions files), one sample per
 * line, labelled harness × model × tier × epoch. Every line is checked before anything is
 * written: unknown tasks, bad labels, a model given two tiers, a sample given twice.
 */
export async function createCompletionsSource(options: CompletionsSourceOptions): Promise<CompletionsSource> {
  if (options.files.length === 0) throw new UsageError("--completions: give at least one completions file");
  // Importers and built-in suites take the mode from the process-wide setting.
  configureSandbox({ mode: options.sandbox });
  const suite = await loadSuite(options.suite, {
    cwd: options.cwd,
    baseDir: options.baseDir,
    seed: DEFAULTS.suiteSeed,
    limit: options.limit,
    sandbox: options.sandbox,
    suiteOptions: {},
    // A rubric scorer's grader: credentials from the environment, responses cached like a run's.
    models: {
      env: options.env,
      cache: { mode: "enabled", dir: path.resolve(options.baseDir, DEFAULTS.cacheDir) },
      seed: options.seed,
    },
  });
  const files: ResolvedFile[] = options.files.map((spec) => {
    const file = path.resolve(options.baseDir, spec.path);
    return { spec: { ...spec, path: file }, file, display: path.relative(options.cwd, file) || file };
  });

  // First pass: every line checked, the matrix and the per-task counts taken.
  const seen = new SampleIdentitySet();
  const perTask = new Map<string, number>();
  const tierOf = new Map<string, Tier>();
  const harnesses: string[] = [];
  let maxEpoch = 0;
  let lines = 0;
  for await (const { where, line } of labelledLines(files, suite, options.defaults)) {
    if (!seen.add(sampleIdentity(suite.name, line)))
      throw new UsageError(
        `${where}: epoch ${line.epoch} of task ${line.task.id} (harness ${line.harness}, model ${line.model}) is given twice`,
      );
    const tier = tierOf.get(line.model);
    if (tier !== undefined && tier !== line.tier)
      throw new UsageError(`${where}: tier: model "${line.model}" is ${tier} on an earlier line and ${line.tier} here`);
    tierOf.set(line.model, line.tier);
    if (!harnesses.includes(line.harness)) harnesses.push(line.harness);
    perTask.set(line.task.id, (perTask.get(line.task.id) ?? 0) + 1);
    maxEpoch = Math.max(maxEpoch, line.epoch);
    lines++;
  }
  if (lines === 0) throw new UsageError(`${files.map((file) => file.display).join(", ")}: no completions`);
  if (suite.sandbox || suite.scorer.name === "code-tests") await checkSandbox(options.sandbox);

  const models = [...tierOf].map(([id, tier]) => ({ id, tier }));
  const planned = new Map<string, PlannedModel>(
    models.map((model) => [model.id, { client: recordedModel(model.id), tier: model.tier, price: null }]),
  );
  const config: RunConfigRecord = {
    command: "score",
    suites: [options.suite],
    completions: files.map((file) => file.display),
    completionFiles: files.map((file) => file.spec),
    defaults: options.defaults,
    harnesses,
    models,
    epochs: maxEpoch + 1,
    seed: options.seed,
    suiteSeed: DEFAULTS.suiteSeed,
    limit: options.limit,
    sandbox: options.sandbox,
    baseDir: options.baseDir,
    analysis: {},
  };
  return {
    config,
    expected: { models, harnesses },
    suites: [suite],
    async *plan(filter): AsyncGenerator<SamplePlan> {
      for await (const { line } of labelledLines(files, suite, options.defaults)) {
        if (!filter.inShard(suite.name, line.task)) continue;
        if (filter.done.has(sampleIdentity(suite.name, line))) continue;
        yield {
          key: sampleKey(suite.name, line.task.id, line.harness, line.model, line.epoch),
          suite,
          task: line.task,
          harness: recordedHarness(line.harness, line.completion),
          model: planned.get(line.model)!,
          epoch: line.epoch,
        };
      }
    },
    countPlanned: (inShard) =>
      suite.tasks.reduce((total, task) => total + (inShard(suite.name, task) ? (perTask.get(task.id) ?? 0) : 0), 0),
    concurrency: options.concurrency,
    limits: DEFAULTS.limits,
    seed: options.seed,
    // Recorded answers cost nothing now, and what they cost when written is not known.
    finishRecord(record) {
      record.costUsd = null;
    },
    stats: { completions: lines, tasksScored: perTask.size, tasksWithout: suite.tasks.length - perTask.size },
  };
}

/** Completions scored at once by default (sandboxed programs are further capped at one per core). */
export function defaultScoreConcurrency(): number {
  return 2 * os.availableParallelism();
}

const recordedSchema = z.looseObject({
  suites: z.tuple([z.string()]),
  completionFiles: z
    .array(
      z.object({
        path: z.string(),
        harness: z.string().optional(),
        model: z.string().optional(),
        tier: z.enum(["low", "mid", "frontier"]).optional(),
        field: z.string().optional(),
      }),
    )
    .min(1),
  defaults: z.object({ harness: z.string(), model: z.string(), tier: z.enum(["low", "mid", "frontier"]) }),
  seed: z.number(),
  limit: z.number().int().min(1).nullable(),
  sandbox: z.enum(["bwrap", "unsafe-none"]),
  baseDir: z.string(),
});

/** The source a `capbench score` run was made from, rebuilt from its run.json (for --resume). */
export async function completionsSourceFromRunConfig(
  dir: string,
  config: RunConfigRecord,
  context: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<CompletionsSource> {
  const checked = recordedSchema.safeParse(config);
  if (!checked.success)
    throw new UsageError(
      `${formatZodIssues(path.join(dir, RUN_FILE), checked.error, { prefix: "config" })}\n(a score run made by an older capbench cannot be resumed; score it again)`,
    );
  const recorded = checked.data;
  return createCompletionsSource({
    suite: recorded.suites[0],
    files: recorded.completionFiles.map((file) => ({
      path: file.path,
      ...(file.harness !== undefined ? { harness: file.harness } : {}),
      ...(file.model !== undefined ? { model: file.model } : {}),
      ...(file.tier !== undefined ? { tier: file.tier } : {}),
      ...(file.field !== undefined ? { field: file.field } : {}),
    })),
    defaults: recorded.defaults,
    cwd: context.cwd,
    baseDir: recorded.baseDir,
    sandbox: recorded.sandbox,
    limit: recorded.limit,
    seed: recorded.seed,
    concurrency: defaultScoreConcurrency(),
    env: context.env,
  });
}

/** The sample a completion line stands for. */
function sampleIdentity(suite: string, line: { task: { id: string }; harness: string; model: string; epoch: number }) {
  return { suite, taskId: line.task.id, harness: line.harness, model: line.model, epoch: line.epoch };
}
