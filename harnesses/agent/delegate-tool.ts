import type { HarnessContext, Tool } from "../../src/types.js";
import { fullContext } from "../context/full-context.js";
import { runAgentLoop } from "./agent-loop.js";
import { mergeToolBoxes } from "./merge-tool-boxes.js";
import { submitAnswerTool } from "./submit-answer-tool.js";

export interface DelegationLimits {
  /** Levels of sub-agents below the lead (1: sub-agents cannot delegate). */
  maxDepth: number;
  /** Delegations one agent may make. */
  maxFanOut: number;
  /** Model calls one sub-agent may make. */
  subMaxTurns: number;
}

export const SUB_AGENT_SYSTEM = [
  "You are a sub-agent. Another agent gave you one self-contained question.",
  "Answer it using your tools; do not guess facts you have not seen.",
  "When you know the answer, call submit_answer with only the answer (a name, a number, a short phrase).",
].join(" ");

/**
 * `delegate(task)`: runs a sub-agent in a fresh context (`context.child`, traced as
 * `<agent>/sub-N`) with the suite's tools and its own turn limit; returns only its answer.
 */
export function delegateTool(context: HarnessContext, limits: DelegationLimits, depth: number): Tool {
  let delegations = 0;
  return {
    spec: {
      name: "delegate",
      description:
        "Give one self-contained sub-question to a sub-agent that can use the tools. It sees only the text you give it and returns a short answer. Independent sub-questions can be delegated in the same turn.",
      parameters: {
        type: "object",
        properties: { task: { type: "string", description: "The sub-question, with every name and detail it needs." } },
        required: ["task"],
        additionalProperties: false,
      },
    },
    async execute(args) {
      if (delegations >= limits.maxFanOut)
        throw new Error(`delegation limit reached (${limits.maxFanOut} per agent); answer with what you have`);
      delegations++;
      const child = context.child(`sub-${delegations}`);
      const own = [
        submitAnswerTool(),
        ...(depth + 1 < limits.maxDepth ? [delegateTool(child, limits, depth + 1)] : []),
      ];
      const result = await runAgentLoop(child, {
        system: SUB_AGENT_SYSTEM,
        prompt: String(args.task),
        tools: mergeToolBoxes(child.tools, child.toolBox(own)),
        strategy: fullContext(),
        maxTurns: limits.subMaxTurns,
        maxToolErrors: 5,
        maxContextTokens: 100_000,
      });
      if (result.stopReason !== "answered")
        return `(the sub-agent stopped: ${result.stopReason}${result.answer ? `; its last answer: ${result.answer}` : ""})`;
      return result.answer || "(the sub-agent gave an empty answer)";
    },
  };
}
