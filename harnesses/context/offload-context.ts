import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { scratchFileTools } from "../../src/tools/scratch-file-tools.js";
import type { ContextStrategy } from "./context-strategy.js";

/**
 * `context=offload`: a tool output longer than `threshold` characters is written to the
 * sample's scratch directory and the context keeps a reference with a short preview; the
 * agent gets read_file/list_files to read it back (read_file output is never offloaded).
 */
export function offloadContext(options: {
  threshold: number;
  scratchDir: string;
  previewChars?: number;
}): ContextStrategy {
  const previewChars = options.previewChars ?? 200;
  let count = 0;
  return {
    name: "offload",
    tools: scratchFileTools(options.scratchDir).filter((tool) => tool.spec.name !== "write_file"),
    prepare: async (state) => state.history,
    async storeResult(call, result) {
      if (result.isError || call.name === "read_file" || result.content.length <= options.threshold) return result;
      count++;
      const relative = `offload/${count}-${call.name.replace(/[^\w-]/g, "_")}.txt`;
      const file = path.join(options.scratchDir, relative);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, result.content, "utf8");
      const preview = result.content.slice(0, previewChars).replace(/\s+/g, " ");
      return {
        content: `[Output of ${call.name} (${result.content.length} characters) saved to ${relative}. Preview: ${preview}… Read it with read_file (path "${relative}", optionally start_line and max_lines).]`,
        isError: false,
      };
    },
  };
}
