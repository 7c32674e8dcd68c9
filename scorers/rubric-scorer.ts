import { modelEntrySchema } from "../src/models/model-entry-schema.js";
import { UsageError } from "../src/errors.js";
import { createModelClient, type ModelClientOptions } from "../src/models/create-model-client.js";
import type { ModelClient, ModelSpec, Scorer, Task } from "../src/types.js";
import { clip } from "./normalize-text.js";

export interface RubricOptions {
  model?: unknown;
  rubric?: unknown;
  passThreshold?: unknown;
  samples?: unknown;
}

/** What the grader's client needs; without it the scorer reads process.env and does not cache. */
export type GraderSettings = Pick<ModelClientOptions, "env" | "cache" | "seed">;

const MAX_SAMPLES = 20;
const DEFAULT_RUBRIC =
  "The answer is correct and complete for the task; when a reference answer is given, it agrees with it.";
const SYSTEM =
  "You grade answers strictly and consistently. You never solve the task yourself beyond what is needed to judge the answer.";

/** `Score: 0.8`, `Score: 8/10` or `Score: 80%`; the last verdict line wins. Null when absent or outside [0, 1]. */
export function parseGraderScore(reply: string): number | null {
  const matches = [...reply.matchAll(/\bscore\s*[:=]\s*\**\s*(\d+(?:\.\d+)?|\.\d+)\s*(%|\/\s*(\d+(?:\.\d+)?))?/gi)];
  const match = matches.at(-1);
  if (!match) return null;
  let value = Number(match[1]);
  if (match[2] === "%") value /= 100;
  else if (match[3] !== undefined) value = Number(match[3]) > 0 ? value / Number(match[3]) : Number.NaN;
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : null;
}

function graderReason(reply: string): string {
  const reason = /\breason\s*:\s*(.+)/i.exec(reply)?.[1];
  const text = reason ?? reply.replace(/^.*\bscore\s*[:=].*$/gim, "");
  return clip(text.replace(/\s+/g, " ").trim(), 300);
}

function reference(task: Task): string | null {
  if (task.expected === undefined || task.expected === null) return null;
  return typeof task.expected === "string" ? task.expected : JSON.stringify(task.expected, null, 2);
}

/** The grader's prompt: task, reference (when present), rubric, answer, and the reply format. */
export function graderPrompt(task: Task, answer: string, rubric: string): string {
  const expected = reference(task);
  return [
    "Grade the answer to the task below against the rubric.",
    `## Task\n${task.prompt}`,
    ...(expected !== null ? [`## Reference answer\n${expected}`] : []),
    `## Rubric\n${rubric}`,
    `## Answer to grade\n${answer}`,
    "Reply with exactly two lines:\nScore: <a number from 0 to 1>\nReason: <one sentence>",
  ].join("\n\n");
}

function modelSpec(model: unknown, where: string): ModelSpec {
  const parsed = modelEntrySchema.safeParse(model);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `${where}.model: required: "provider:model" or { id, baseURL?, apiKeyEnv?, … }${issue && model !== undefined ? ` (${issue.message})` : ""}`,
    );
  }
  // The grader's tier plays no part in the analysis; ModelSpec just needs one.
  return typeof parsed.data === "string"
    ? { id: parsed.data, tier: "frontier" }
    : { ...parsed.data, tier: parsed.data.tier ?? "frontier" };
}

/**
 * Model-graded scoring: a grader model reads the task, the reference, the rubric (spec, then
 * the task's `metadata.rubric`) and the answer, and replies `Score: <0..1>` and a reason.
 * The value is the mean over `samples` replies; a reply without a score counts 0.
 */
export function rubricScorer(options: RubricOptions, where = "scorer", settings?: GraderSettings): Scorer {
  if (options.rubric !== undefined && (typeof options.rubric !== "string" || options.rubric.trim() === ""))
    throw new UsageError(`${where}.rubric: must be a non-empty string`);
  const threshold = options.passThreshold ?? 0.5;
  if (typeof threshold !== "number" || !(threshold >= 0 && threshold <= 1))
    throw new UsageError(`${where}.passThreshold: must be a number from 0 to 1`);
  const samples = options.samples ?? 1;
  if (typeof samples !== "number" || !Number.isInteger(samples) || samples < 1 || samples > MAX_SAMPLES)
    throw new UsageError(`${where}.samples: must be a whole number from 1 to ${MAX_SAMPLES}`);
  const spec = modelSpec(options.model, where);
  let grader: ModelClient;
  try {
    grader = createModelClient(spec, settings ?? { env: process.env, cache: { mode: "disabled", dir: "" }, seed: 0 });
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${where}.model: ${error.message.replace(/^models: /, "")}`);
    throw error;
  }
  const specRubric = options.rubric as string | undefined;
  return {
    name: "rubric",
    async score({ task, answer, signal }) {
      const taskRubric = typeof task.metadata?.rubric === "string" ? task.metadata.rubric : undefined;
      const rubric = [specRubric, taskRubric].filter((text) => text !== undefined).join("\n\n") || DEFAULT_RUBRIC;
      const prompt = graderPrompt(task, answer, rubric);
      const replies: string[] = [];
      for (let index = 0; index < samples; index++) {
        // The sample index is the cache epoch, so repeated grading is not one cached reply.
        const response = await grader.generate(
          {
            system: SYSTEM,
            messages: [{ role: "user", content: prompt }],
            maxOutputTokens: 1024,
            ...(settings ? { seed: settings.seed + index } : {}),
          },
          { ...(signal ? { signal } : {}), epoch: index },
        );
        replies.push(response.text);
      }
      const scores = replies.map(parseGraderScore);
      const value = scores.reduce<number>((sum, score) => sum + (score ?? 0), 0) / samples;
      const firstScored = scores.findIndex((score) => score !== null);
      let explanation: string;
      if (firstScored === -1) explanation = `grader reply had no score: ${clip(replies[0]!.trim(), 200)}`;
      else {
        explanation = graderReason(replies[firstScored]!) || "(no reason given)";
        if (samples > 1)
          explanation += ` [mean of ${samples}: ${scores.map((score) => (score === null ? "none" : String(score))).join(", ")}]`;
      }
      return { value, pass: value >= threshold, explanation: `${explanation} (grader ${grader.id})` };
    },
  };
}
