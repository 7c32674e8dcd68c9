import { ProviderError } from "../../src/errors.js";
import { HarnessLimitError } from "../../src/harness-kit/harness-limit-error.js";
import type { HarnessContext, HarnessResult, ToolBox } from "../../src/types.js";
import type { ContextState, ContextStrategy } from "../context/context-strategy.js";
import { extractFinalAnswer } from "../final-answer.js";
import { estimateMessageTokens } from "./estimate-message-tokens.js";
import { SUBMIT_ANSWER } from "./submit-answer-tool.js";

export interface AgentLoopOptions {
  system: string;
  prompt: string;
  /** Every tool the agent may call, submit_answer included. */
  tools: ToolBox;
  strategy: ContextStrategy;
  /** Model calls this agent may make (the sample's limits apply on top). */
  maxTurns: number;
  /** Consecutive failed tool calls before the agent gives up with `tool_error`. */
  maxToolErrors: number;
  /** Estimated tokens one request may carry before the agent stops with `context_overflow`. */
  maxContextTokens: number;
}

const NUDGE = 'Continue: call a tool, or give your final answer with submit_answer or a final line "Answer: <answer>".';
const CONTEXT_ERROR = /context(?: window|[_ ]length)|too many tokens|maximum context|prompt is too long|too long/i;

/**
 * The tool loop shared by the agent, the lead and its sub-agents: call the model, run the
 * tools it asks for, until it submits an answer (submit_answer or an "Answer:" line) or a
 * limit stops it. Limit errors from the runner become stop reasons with the best answer so far.
 */
export async function runAgentLoop(context: HarnessContext, options: AgentLoopOptions): Promise<HarnessResult> {
  const state: ContextState = {
    system: options.system,
    prompt: options.prompt,
    history: [{ role: "user", content: options.prompt }],
  };
  let bestAnswer = "";
  let repliesWithoutAction = 0;
  let toolErrorsInRow = 0;
  try {
    for (let turn = 0; turn < options.maxTurns; turn++) {
      const messages = await options.strategy.prepare(state, { context, tools: options.tools.specs });
      if (
        estimateMessageTokens(messages, { system: options.system, tools: options.tools.specs }) >
        options.maxContextTokens
      ) {
        context.note("context over the agent's limit", { maxContextTokens: options.maxContextTokens });
        return { answer: bestAnswer, stopReason: "context_overflow" };
      }
      // A copy: the trace keeps this request while the history grows.
      const response = await context.model.generate(
        {
          system: options.system,
          messages: [...messages],
          tools: options.tools.specs,
          // The prefix is re-sent every turn: let the provider cache it (option cache=off to compare).
          cache: context.options.cache === "off" ? "off" : "auto",
        },
        { signal: context.signal, epoch: context.epoch },
      );
      state.history.push({
        role: "assistant",
        content: response.text,
        ...(response.toolCalls.length ? { toolCalls: response.toolCalls } : {}),
      });
      const hasAnswerLine = /(?:^|\n)\s*(?:final\s+)?answer\s*:/i.test(response.text);
      if (hasAnswerLine) bestAnswer = extractFinalAnswer(response.text);

      if (response.toolCalls.length === 0) {
        if (hasAnswerLine) return { answer: bestAnswer, stopReason: "answered" };
        repliesWithoutAction++;
        if (repliesWithoutAction >= 2)
          return {
            answer: bestAnswer || response.text.trim(),
            stopReason: response.finishReason === "length" ? "token_budget" : "parse_error",
          };
        state.history.push({ role: "user", content: NUDGE });
        continue;
      }
      repliesWithoutAction = 0;
      for (const call of response.toolCalls) {
        const result = await options.tools.call(call);
        if (call.name === SUBMIT_ANSWER && !result.isError)
          return { answer: String(call.arguments.answer ?? "").trim(), stopReason: "answered" };
        const stored = await options.strategy.storeResult(call, result);
        state.history.push({
          role: "tool",
          toolCallId: call.id,
          name: call.name,
          content: stored.content,
          ...(stored.isError ? { isError: true } : {}),
        });
        toolErrorsInRow = result.isError ? toolErrorsInRow + 1 : 0;
      }
      if (toolErrorsInRow >= options.maxToolErrors) {
        context.note(`${toolErrorsInRow} tool errors in a row; giving up`);
        return { answer: bestAnswer, stopReason: "tool_error" };
      }
    }
    return { answer: bestAnswer, stopReason: "max_turns" };
  } catch (error) {
    if (error instanceof HarnessLimitError) return { answer: bestAnswer, stopReason: error.stopReason };
    if (error instanceof ProviderError && error.status === 400 && CONTEXT_ERROR.test(error.message))
      return { answer: bestAnswer, stopReason: "context_overflow" };
    throw error;
  }
}
