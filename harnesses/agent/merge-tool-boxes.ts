import type { ToolBox } from "../../src/types.js";

/** One ToolBox over several; the first box that has a tool handles its calls. */
export function mergeToolBoxes(...boxes: ToolBox[]): ToolBox {
  const seen = new Set<string>();
  const specs = boxes.flatMap((box) => box.specs).filter((spec) => !seen.has(spec.name) && seen.add(spec.name));
  return {
    specs,
    has: (name) => boxes.some((box) => box.has(name)),
    call(call) {
      const box = boxes.find((candidate) => candidate.has(call.name)) ?? boxes[0];
      if (!box)
        return Promise.resolve({
          content: `Error: unknown tool "${call.name}". No tools are available.`,
          isError: true,
        });
      return box.call(call);
    },
  };
}
