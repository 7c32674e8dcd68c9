import type { Harness } from "../src/types.js";
import { agentHarness } from "./agent-harness.js";
import { multiAgentHarness } from "./multi-agent-harness.js";
import { promptHarness } from "./prompt-harness.js";
import { workflowHarness } from "./workflow-harness.js";

/** Built-in harnesses by base name; variants add options: `agent[context=compact]`. */
export const builtinHarnesses = {
  prompt: promptHarness,
  workflow: workflowHarness,
  agent: agentHarness,
  "multi-agent": multiAgentHarness,
} satisfies Record<string, Harness>;
