import type { Tool, ToolBox, ToolCall, ToolResult } from "../types.js";
import type { SampleRecorder } from "./sample-recorder.js";
import { validateArguments } from "./validate-arguments.js";

/**
 * The task's tools as a harness sees them. Unknown tools, bad arguments and thrown errors
 * come back to the model as error results instead of ending the sample; every call is traced.
 */
export function createToolBox(
  tools: Tool[],
  context: { agent: string; recorder: SampleRecorder; signal: AbortSignal; scratchDir: string },
): ToolBox {
  const byName = new Map(tools.map((tool) => [tool.spec.name, tool]));
  async function execute(call: ToolCall): Promise<ToolResult> {
    const tool = byName.get(call.name);
    if (!tool)
      return {
        content: `Error: unknown tool "${call.name}". Available: ${[...byName.keys()].join(", ") || "none"}.`,
        isError: true,
      };
    const problems = validateArguments(call.arguments, tool.spec.parameters);
    if (problems.length > 0) return { content: `Error: ${problems.join("; ")}.`, isError: true };
    try {
      const content = await tool.execute(call.arguments, { signal: context.signal, scratchDir: context.scratchDir });
      return { content, isError: false };
    } catch (error) {
      return { content: `Error: ${(error as Error).message}`, isError: true };
    }
  }
  return {
    specs: tools.map((tool) => tool.spec),
    has: (name) => byName.has(name),
    async call(call) {
      context.recorder.toolCalls++;
      const at = Date.now();
      const started = performance.now();
      const result = await execute(call);
      context.recorder.record({
        type: "tool",
        agent: context.agent,
        at,
        call,
        result,
        latencyMs: performance.now() - started,
      });
      return result;
    },
  };
}
