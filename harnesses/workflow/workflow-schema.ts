import { z } from "zod";

// A workflow declared as data (in code or under `workflows:` in the config): a fixed list of
// steps. The model fills in each step; it never chooses how many steps or retrievals run.

const retrieveStep = z.strictObject({
  kind: z.literal("retrieve"),
  /** Rounds of: the model writes a query → search → read the top documents. */
  rounds: z.int().min(1).max(20),
  /** Documents read per round (top search hits not read yet). */
  read: z.int().min(0).max(10).default(1),
});
const generateStep = z.strictObject({
  kind: z.literal("generate"),
  /** The output is shown to later steps under this name. */
  name: z.string().min(1),
  instruction: z.string().min(1),
});
const answerStep = z.strictObject({
  kind: z.literal("answer"),
  /** Defaults to answering the task with an "Answer:" line. */
  instruction: z.string().min(1).optional(),
});

export const workflowSchema = z
  .strictObject({
    description: z.string().optional(),
    steps: z.array(z.discriminatedUnion("kind", [retrieveStep, generateStep, answerStep])).min(1),
  })
  .refine((workflow) => workflow.steps[workflow.steps.length - 1]?.kind === "answer", {
    message: "the last step must be an answer step",
    path: ["steps"],
  });

export type Workflow = z.output<typeof workflowSchema>;
export type WorkflowStep = Workflow["steps"][number];
