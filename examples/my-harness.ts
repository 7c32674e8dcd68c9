// A complete custom harness: "search first, then answer". Run it with
//   capbench run --suite multihop --harness ./examples/my-harness.ts --models sim:low,sim:frontier
// Outside this repository, import from "capbench" instead of "../src/harness-kit/index.js".
import { defineHarness, HarnessLimitError } from "../src/harness-kit/index.js";

export default defineHarness({
  name: "search-then-answer",
  description: "One search with the task text (when the suite has a search tool), then one answer.",
  async run({ task, model, tools, options, signal, epoch }) {
    // Every call below is traced and counted against the sample's limits by the runner.
    let found = "";
    if (tools.has("search")) {
      const result = await tools.call({ id: "search-1", name: "search", arguments: { query: task.prompt } });
      if (!result.isError) found = `Search results:\n${result.content}\n\n`;
    }
    try {
      const response = await model.generate(
        {
          system: `Answer the task. ${options.style === "brief" ? "Be brief. " : ""}End with a line "Answer: <answer>".`,
          messages: [{ role: "user", content: `${found}${task.prompt}` }],
        },
        { signal, epoch },
      );
      const answer = /Answer:\s*(.*)\s*$/i.exec(response.text)?.[1] ?? response.text;
      return { answer: answer.trim(), stopReason: "answered" };
    } catch (error) {
      // A limit (turns, tokens, cost, time) is a stop reason, not a crash.
      if (error instanceof HarnessLimitError) return { answer: "", stopReason: error.stopReason };
      throw error;
    }
  },
});
