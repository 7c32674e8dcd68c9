import { AGENT_OPTIONS } from "./agent-harness.js";
import { defineHarness } from "../src/harness-kit/define-harness.js";
import { runAgentLoop } from "./agent/agent-loop.js";
import { delegateTool } from "./agent/delegate-tool.js";
import { numberOption } from "./agent/number-option.js";
import { submitAnswerTool } from "./agent/submit-answer-tool.js";
import { agentPrompt } from "./agent-harness.js";
import { createContextStrategy } from "./context/create-context-strategy.js";

const LEAD_SYSTEM = [
  "You lead a team of sub-agents. You cannot use the task's tools yourself: break the task into self-contained sub-questions and give each to a sub-agent with the delegate tool.",
  "A sub-agent sees only the text you give it and returns a short answer. Delegate independent sub-questions in the same turn; when one depends on another's answer, wait for it.",
  'When you have what you need, call submit_answer with the final answer (or end your reply with a line "Answer: <answer>").',
].join(" ");

/**
 * A lead agent that only delegates; sub-agents run in fresh contexts with the suite's tools
 * and return only their answers (isolation). Options: `maxDepth` (default 1), `maxFanOut`
 * (delegations per agent, default 12), `subMaxTurns` (default 8), `maxTurns` (the lead's),
 * `context` (the lead's context strategy).
 */
export const multiAgentHarness = defineHarness({
  name: "multi-agent",
  description: "Lead agent with delegate(task); sub-agents in fresh contexts return only their answers.",
  options: { ...AGENT_OPTIONS, maxDepth: "integer", maxFanOut: "integer", subMaxTurns: "integer" },
  async run(context) {
    const label = "multi-agent";
    const limits = {
      maxDepth: Math.max(1, numberOption(context.options, "maxDepth", 1, label)),
      maxFanOut: numberOption(context.options, "maxFanOut", 12, label),
      subMaxTurns: numberOption(context.options, "subMaxTurns", 8, label),
    };
    const strategy = createContextStrategy(context, label);
    const tools = context.toolBox([delegateTool(context, limits, 0), submitAnswerTool(), ...strategy.tools]);
    return runAgentLoop(context, {
      system: LEAD_SYSTEM,
      prompt: agentPrompt({ ...context, tools }),
      tools,
      strategy,
      maxTurns: numberOption(context.options, "maxTurns", context.limits.maxTurns, label),
      maxToolErrors: numberOption(context.options, "maxToolErrors", 5, label),
      maxContextTokens: numberOption(context.options, "maxContextTokens", 100_000, label),
    });
  },
});
