import type { Tool } from "../../src/types.js";

export const SUBMIT_ANSWER = "submit_answer";

/** The agent's answer convention: calling it ends the agent's work with `answer`. */
export function submitAnswerTool(): Tool {
  return {
    spec: {
      name: SUBMIT_ANSWER,
      description: "Submit your final answer. This ends your work on the task.",
      parameters: {
        type: "object",
        properties: { answer: { type: ["string", "number"], description: "The final answer only, no explanation." } },
        required: ["answer"],
        additionalProperties: false,
      },
    },
    execute: () => "Answer submitted.",
  };
}
