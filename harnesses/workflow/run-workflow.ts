import { HarnessLimitError } from "../../src/harness-kit/harness-limit-error.js";
import type { HarnessContext, HarnessResult } from "../../src/types.js";
import { ANSWER_INSTRUCTION, extractFinalAnswer } from "../final-answer.js";
import { renderDocuments } from "../render-documents.js";
import type { Workflow } from "./workflow-schema.js";

const SYSTEM = "You are a careful assistant following a fixed procedure. Do only the step you are asked to do.";
const QUERY_INSTRUCTION =
  'Write the search query that finds the next fact you still need. Reply with one line "Query: <query>".';

/** Runs the steps in order; retrieval uses the suite's `search` and `read` tools when it has them. */
export async function runWorkflow(context: HarnessContext, workflow: Workflow): Promise<HarnessResult> {
  const { task, suite, tools } = context;
  const search = tools.specs.find((spec) => spec.name === "search");
  const read = tools.specs.find((spec) => spec.name === "read");
  const retrieves = workflow.steps.some((step) => step.kind === "retrieve") && search !== undefined;
  const documents =
    suite.documents === "stuff" && !retrieves && task.documents?.length ? renderDocuments(task.documents) : "";
  const retrieved: string[] = [];
  const outputs: Array<{ name: string; text: string }> = [];
  const readIds = new Set<string>();
  let calls = 0;
  let answer = "";

  const material = () =>
    [
      documents,
      retrieved.length ? `Retrieved so far:\n\n${retrieved.join("\n\n")}` : "",
      `Task: ${task.prompt}`,
      ...outputs.map((output) => `${output.name}:\n${output.text}`),
    ]
      .filter(Boolean)
      .join("\n\n");
  const generate = (instruction: string) =>
    context.model.generate(
      { system: SYSTEM, messages: [{ role: "user", content: `${material()}\n\n${instruction}` }] },
      { signal: context.signal, epoch: context.epoch },
    );
  const argumentName = (parameters: Record<string, unknown>) =>
    (parameters.required as string[] | undefined)?.[0] ?? "query";

  try {
    for (const step of workflow.steps) {
      if (step.kind === "generate") {
        outputs.push({ name: step.name, text: (await generate(step.instruction)).text });
      } else if (step.kind === "answer") {
        const response = await generate(step.instruction ?? `Answer the task. ${ANSWER_INSTRUCTION}`);
        answer = extractFinalAnswer(response.text);
        return { answer, stopReason: response.finishReason === "length" ? "token_budget" : "answered" };
      } else if (!search) {
        context.note("retrieve step skipped: the suite gives no search tool");
      } else {
        for (let round = 0; round < step.rounds; round++) {
          const reply = (await generate(QUERY_INSTRUCTION)).text;
          const query = /Query:\s*(.+)/i.exec(reply)?.[1]?.trim() || reply.trim().split("\n")[0] || task.prompt;
          const result = await tools.call({
            id: `workflow_${++calls}`,
            name: search.name,
            arguments: { [argumentName(search.parameters)]: query },
          });
          retrieved.push(`Search "${query}":\n${result.content}`);
          if (!read || result.isError) continue;
          const hits = [...result.content.matchAll(/^\s*\d+\.\s*\[([^\]]+)\]/gm)]
            .map((match) => match[1]!)
            .filter((id) => !readIds.has(id));
          for (const id of hits.slice(0, step.read)) {
            readIds.add(id);
            const document = await tools.call({
              id: `workflow_${++calls}`,
              name: read.name,
              arguments: { [argumentName(read.parameters)]: id },
            });
            if (!document.isError) retrieved.push(document.content);
          }
        }
      }
    }
    return { answer, stopReason: "parse_error" };
  } catch (error) {
    if (error instanceof HarnessLimitError) return { answer, stopReason: error.stopReason };
    throw error;
  }
}
