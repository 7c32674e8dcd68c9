import type { Workflow } from "./workflow-schema.js";

/** `retrieve-answer`: `rounds` fixed retrievals (query → search → read), then one answer. */
export function retrieveAnswerWorkflow(rounds: number, read: number): Workflow {
  return {
    description: `retrieve(${rounds}) → answer`,
    steps: [{ kind: "retrieve", rounds, read }, { kind: "answer" }],
  };
}

/** `plan-solve-check`: plan, solve step by step following the plan, check and correct. */
export const planSolveCheckWorkflow: Workflow = {
  description: "plan → solve step by step → check",
  steps: [
    {
      kind: "generate",
      name: "Plan",
      instruction: "Write a short numbered plan of the steps needed to solve the task. Do not solve it yet.",
    },
    {
      kind: "generate",
      name: "Solution",
      instruction: 'Solve the task step by step, following the plan. End with a line "Answer: <answer>".',
    },
    {
      kind: "answer",
      instruction:
        'Check the solution above step by step against the task. If you find a mistake, correct it. End with a line "Answer: <final answer>".',
    },
  ],
};
