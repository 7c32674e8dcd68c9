import { defineHarness } from "../src/harness-kit/define-harness.js";
import type { HarnessContext, HarnessResult } from "../src/types.js";
import { runAgentLoop } from "./agent/agent-loop.js";
import { mergeToolBoxes } from "./agent/merge-tool-boxes.js";
import { numberOption } from "./agent/number-option.js";
import { submitAnswerTool } from "./agent/submit-answer-tool.js";
import { CONTEXT_STRATEGIES, createContextStrategy } from "./context/create-context-strategy.js";
import { renderDocuments } from "./render-documents.js";

export const AGENT_SYSTEM = [
  "You are an agent that solves a task using the tools you are given.",
  "Look up what you need with the tools instead of guessing facts you have not seen; note the facts you find as you go.",
  'When you know the final answer, call submit_answer with it (or end your reply with a line "Answer: <answer>").',
].join(" ");

/** Variant options of the agent (and of the multi-agent harness's sub-agents). */
export const AGENT_OPTIONS = {
  context: CONTEXT_STRATEGIES,
  keep: "integer",
  summarizeAt: "integer",
  offloadAbove: "integer",
  maxTurns: "integer",
  maxToolErrors: "integer",
  maxContextTokens: "integer",
  /** Provider prompt caching of the growing context (Anthropic cache breakpoints): `auto` (default) or `off`. */
  cache: ["auto", "off"],
} as const;

/** The task as the agent's first message: documents go in only when it has no tools to reach them. */
export function agentPrompt(context: HarnessContext): string {
  const { task, suite, tools } = context;
  const stuff = suite.documents === "stuff" && tools.specs.length === 0 && task.documents?.length;
  return stuff ? `${renderDocuments(task.documents!)}\n\n${task.prompt}` : task.prompt;
}

/**
 * A tool loop until the model submits an answer or a limit stops it. Options: `context`
 * (full, compact, summarize, offload and their settings), `maxTurns` (default: the sample's
 * limit), `maxToolErrors` (default 5), `maxContextTokens` (default 100000).
 */
export const agentHarness = defineHarness({
  name: "agent",
  description: "Tool loop with submit_answer; context strategies full, compact, summarize, offload.",
  options: { ...AGENT_OPTIONS },
  async run(context): Promise<HarnessResult> {
    const label = "agent";
    const strategy = createContextStrategy(context, label);
    const tools = mergeToolBoxes(
      context.tools,
      context.toolBox([submitAnswerTool(), ...strategy.tools.filter((tool) => !context.tools.has(tool.spec.name))]),
    );
    return runAgentLoop(context, {
      system: AGENT_SYSTEM,
      prompt: agentPrompt(context),
      tools,
      strategy,
      maxTurns: numberOption(context.options, "maxTurns", context.limits.maxTurns, label),
      maxToolErrors: numberOption(context.options, "maxToolErrors", 5, label),
      maxContextTokens: numberOption(context.options, "maxContextTokens", 100_000, label),
    });
  },
});
