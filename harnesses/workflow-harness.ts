import { didYouMean } from "../src/did-you-mean.js";
import { UsageError } from "../src/errors.js";
import { defineHarness } from "../src/harness-kit/define-harness.js";
import type { HarnessContext } from "../src/types.js";
import { formatZodIssues } from "../src/format-zod-issues.js";
import { numberOption } from "./agent/number-option.js";
import { planSolveCheckWorkflow, retrieveAnswerWorkflow } from "./workflow/builtin-workflows.js";
import { runWorkflow } from "./workflow/run-workflow.js";
import { type Workflow, workflowSchema } from "./workflow/workflow-schema.js";

export const BUILTIN_WORKFLOWS = ["retrieve-answer", "plan-solve-check"] as const;

/**
 * Picks the workflow: `workflow=<name>` from the config's `workflows` or the built-ins, else
 * `retrieve-answer` when the suite has a search tool and `plan-solve-check` otherwise.
 * `k` sets the retrieval rounds of retrieve-answer (default 3), `read` the documents per round (default 1).
 */
export function selectWorkflow(context: HarnessContext): Workflow {
  const name = context.options.workflow ?? (context.tools.has("search") ? "retrieve-answer" : "plan-solve-check");
  const declared = context.workflows?.[name];
  if (declared !== undefined) {
    const parsed = workflowSchema.safeParse(declared);
    if (!parsed.success) throw new UsageError(formatZodIssues(`config: workflows.${name}`, parsed.error));
    return parsed.data;
  }
  if (name === "retrieve-answer")
    return retrieveAnswerWorkflow(
      numberOption(context.options, "k", 3, "workflow"),
      numberOption(context.options, "read", 1, "workflow"),
    );
  if (name === "plan-solve-check") return planSolveCheckWorkflow;
  const known = [...BUILTIN_WORKFLOWS, ...Object.keys(context.workflows ?? {})];
  throw new UsageError(`harness workflow[workflow=${name}]: unknown workflow; known: ${known.join(", ")}`);
}

export const workflowHarness = defineHarness({
  name: "workflow",
  description:
    "Predefined steps (retrieve(k) → answer, plan → solve → check, or declared in config); the model never picks the number of steps.",
  options: { workflow: "string", k: "integer", read: "integer" },
  checkOptions(options, { workflows }) {
    const name = options.workflow;
    if (name === undefined || (BUILTIN_WORKFLOWS as readonly string[]).includes(name) || name in workflows) return;
    const known = [...BUILTIN_WORKFLOWS, ...Object.keys(workflows)];
    return `options.workflow: unknown workflow "${name}".${didYouMean(name, known)} Known: ${known.join(", ")}.`;
  },
  async run(context) {
    const workflow = selectWorkflow(context);
    context.note(`workflow: ${workflow.description ?? context.options.workflow ?? "custom"}`);
    return runWorkflow(context, workflow);
  },
});
