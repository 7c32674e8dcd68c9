import fs from "node:fs";
import path from "node:path";
import { toolCallsScorer } from "../../scorers/tool-calls-scorer.js";
import { toolName } from "../../scorers/tool-calls-match.js";
import { UsageError } from "../../src/errors.js";
import type { Suite, SuiteOptions, Task, ToolSpec } from "../../src/types.js";
import { bfclSchema } from "./bfcl-schema.js";
import { readJsonlFile, stringField, type JsonlRow } from "./read-jsonl-file.js";

/**
 * BFCL single-turn categories (simple, multiple, parallel, parallel_multiple, live_*,
 * irrelevance). Expected calls come from the same-named file under `possible_answer/`; the
 * irrelevance categories, which have none, expect no call. Tools come from each question's
 * `function` list, renamed provider-safe (`math.factorial` → `math_factorial`).
 */
export async function importBfcl(file: string, _options: SuiteOptions): Promise<Suite> {
  const category = path
    .basename(file)
    .replace(/^BFCL_v\d+_/, "")
    .replace(/\.jsonl?$/, "");
  if (category.includes("multi_turn")) {
    throw new UsageError(
      `${file}: multi-turn BFCL categories are not supported; use a single-turn file (simple, multiple, parallel, parallel_multiple, live_*, irrelevance)`,
    );
  }
  const rows = await readJsonlFile(file);
  const answers = await readPossibleAnswers(file, category);
  const tasks = rows.map((row): Task => {
    const id = stringField(row, "id", file);
    const tools = functionSpecs(row, file);
    const expected = answers ? answers.get(id) : [];
    if (expected === undefined)
      throw new UsageError(`${possibleAnswerFile(file)}: no ground_truth for "${id}" (line ${row.line} of ${file})`);
    return { id, prompt: questionText(row, file), expected, metadata: { category, tools } };
  });
  return {
    name: `bfcl-${category}`,
    description: `BFCL ${category} from ${file}`,
    scorer: toolCallsScorer(),
    tasks,
    documents: "none",
    tools: (task) =>
      ((task.metadata?.tools ?? []) as ToolSpec[]).map((spec) => ({
        spec,
        execute: () => `Call to ${spec.name} recorded.`,
      })),
    source: `bfcl:${file}`,
  };
}

function possibleAnswerFile(file: string): string {
  return path.join(path.dirname(file), "possible_answer", path.basename(file));
}

async function readPossibleAnswers(file: string, category: string): Promise<Map<string, unknown[]> | null> {
  const answerFile = possibleAnswerFile(file);
  if (!fs.existsSync(answerFile)) {
    if (category.includes("irrelevance")) return null;
    throw new UsageError(
      `${file}: the expected calls must be in ${answerFile} (BFCL's possible_answer/ folder next to the questions)`,
    );
  }
  const answers = new Map<string, unknown[]>();
  for (const row of await readJsonlFile(answerFile)) {
    const truth = row.value.ground_truth;
    if (!Array.isArray(truth)) throw new UsageError(`${answerFile}: line ${row.line}: ground_truth: expected a list`);
    answers.set(stringField(row, "id", answerFile), truth);
  }
  return answers;
}

function questionText(row: JsonlRow, file: string): string {
  const turns = row.value.question;
  if (!Array.isArray(turns) || !Array.isArray(turns[0]))
    throw new UsageError(`${file}: line ${row.line}: question: expected a list of turns`);
  if (turns.length > 1)
    throw new UsageError(`${file}: line ${row.line}: question: multi-turn questions are not supported`);
  const messages = turns[0] as { role?: unknown; content?: unknown }[];
  return messages
    .map((message) => (message.role === "system" ? `System: ${String(message.content)}` : String(message.content)))
    .join("\n\n");
}

function functionSpecs(row: JsonlRow, file: string): ToolSpec[] {
  const functions = row.value.function;
  if (!Array.isArray(functions))
    throw new UsageError(`${file}: line ${row.line}: function: expected a list of function descriptions`);
  return functions.map((fn: { name?: unknown; description?: unknown; parameters?: unknown }, index) => {
    if (typeof fn?.name !== "string")
      throw new UsageError(`${file}: line ${row.line}: function[${index}].name: expected a string`);
    return {
      name: toolName(fn.name),
      description: String(fn.description ?? ""),
      parameters: bfclSchema(fn.parameters ?? { type: "dict", properties: {} }),
    };
  });
}
