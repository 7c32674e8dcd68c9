import type { HarnessContext, Tool, ToolBox } from "../../src/types.js";
import { validateArguments } from "../../src/runner/validate-arguments.js";

/**
 * A ToolBox of tools the harness itself provides (submit_answer, delegate, scratch files).
 * The runner's context traces them like suite tools; a context without `toolBox` (one built
 * by hand) gets an equivalent box whose calls go into the trajectory as notes.
 */
export function harnessToolBox(context: HarnessContext, tools: Tool[]): ToolBox {
  if (context.toolBox) return context.toolBox(tools);
  const byName = new Map(tools.map((tool) => [tool.spec.name, tool]));
  return {
    specs: tools.map((tool) => tool.spec),
    has: (name) => byName.has(name),
    async call(call) {
      const tool = byName.get(call.name);
      let result;
      if (!tool) result = { content: `Error: unknown tool "${call.name}".`, isError: true };
      else {
        const problems = validateArguments(call.arguments, tool.spec.parameters);
        if (problems.length) result = { content: `Error: ${problems.join("; ")}.`, isError: true };
        else {
          try {
            result = {
              content: await tool.execute(call.arguments, { signal: context.signal, scratchDir: context.scratchDir }),
              isError: false,
            };
          } catch (error) {
            result = { content: `Error: ${(error as Error).message}`, isError: true };
          }
        }
      }
      context.note(`tool ${call.name}`, { call, result });
      return result;
    },
  };
}
