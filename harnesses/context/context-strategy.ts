import type { HarnessContext, Message, Tool, ToolCall, ToolResult, ToolSpec } from "../../src/types.js";

/** What the agent loop keeps: the system text, the task prompt, and the full history. */
export interface ContextState {
  system: string;
  prompt: string;
  /** Everything the agent has seen and said; a strategy may rewrite it (summarize does). */
  history: Message[];
}

/** How an agent manages its context window: what each model call sees, what a tool result keeps. */
export interface ContextStrategy {
  name: string;
  /** Tools the strategy gives the agent (offload: read_file, list_files). */
  tools: Tool[];
  /** The messages to send on the next model call. */
  prepare(state: ContextState, io: { context: HarnessContext; tools: ToolSpec[] }): Promise<Message[]>;
  /** A tool result as it enters the history. */
  storeResult(call: ToolCall, result: ToolResult): Promise<ToolResult>;
}
