import { defineHarness } from "../src/harness-kit/define-harness.js";
import { ANSWER_INSTRUCTION, extractFinalAnswer } from "./final-answer.js";
import { renderDocuments } from "./render-documents.js";

/**
 * One model call. Documents go into the context when the suite allows it ("stuff the
 * context"). Options: `cot=true` asks for step-by-step reasoning.
 */
export const promptHarness = defineHarness({
  name: "prompt",
  description: "One call; optional chain of thought; documents stuffed into context.",
  options: { cot: ["true", "false"] },
  async run({ task, suite, model, options, signal, epoch }) {
    const chainOfThought = options.cot === "true";
    const system = [
      "You are a careful assistant. Solve the task.",
      chainOfThought
        ? "Think step by step, showing each step, before you answer."
        : "Reply with the answer only, no working.",
      ANSWER_INSTRUCTION,
    ].join(" ");
    const documents =
      suite.documents === "stuff" && task.documents?.length ? `${renderDocuments(task.documents)}\n\n` : "";
    const response = await model.generate(
      { system, messages: [{ role: "user", content: `${documents}${task.prompt}` }] },
      { signal, epoch },
    );
    return {
      answer: extractFinalAnswer(response.text),
      stopReason: response.finishReason === "length" ? "token_budget" : "answered",
    };
  },
});
