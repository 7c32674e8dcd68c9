import type { HarnessContext } from "../../src/types.js";

/**
 * The task as the child reads it on stdin: id, prompt, the documents when the suite lets a
 * harness put them in context, and the tool specs (the tools themselves are on MCP). Never
 * the expected answer, the scorer or the difficulty; metadata only when asked for, since
 * suites keep answer-bearing data there (multihop's chain, a reference solution).
 */
export function taskInput(context: HarnessContext, options: { metadata: boolean }): Record<string, unknown> {
  const { task, suite, tools } = context;
  return {
    id: task.id,
    prompt: task.prompt,
    ...(suite.documents === "stuff" && task.documents?.length ? { documents: task.documents } : {}),
    ...(tools.specs.length ? { tools: tools.specs } : {}),
    ...(options.metadata && task.metadata ? { metadata: task.metadata } : {}),
  };
}
