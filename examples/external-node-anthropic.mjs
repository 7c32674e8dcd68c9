/* global process, console, URL */
// A capbench external harness in Node with the official `@anthropic-ai/sdk`: a tool-using
// agent on the Messages API, streamed. The tools come from capbench's MCP server
// (CAPBENCH_MCP_URL); `new Anthropic()` reads ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY,
// which capbench points at its gateway with a per-sample token.
//
//   npx capbench run --suite multihop --harness "exec:node examples/external-node-anthropic.mjs" --models sim:low,sim:frontier
//
// Outside this repository: npm install @anthropic-ai/sdk @modelcontextprotocol/sdk
import Anthropic from "@anthropic-ai/sdk";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const SYSTEM =
  "You are an agent that solves a task using the tools you are given. Look up what you need with the tools " +
  'instead of guessing. When you know the final answer, call submit_answer with it (or end with a line "Answer: <answer>").';
const SUBMIT_ANSWER = {
  name: "submit_answer",
  description: "Submit your final answer. This ends your work on the task.",
  input_schema: { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] },
};

let stdin = "";
for await (const chunk of process.stdin) stdin += chunk;
const task = JSON.parse(stdin); // { id, prompt, documents?, tools? }
const mcp = new Client({ name: "capbench-node-anthropic-example", version: "1.0.0" });
await mcp.connect(new StreamableHTTPClientTransport(new URL(process.env.CAPBENCH_MCP_URL)));
const { tools: mcpTools } = await mcp.listTools();
const tools = [
  ...mcpTools.map((tool) => ({ name: tool.name, description: tool.description ?? "", input_schema: tool.inputSchema })),
  SUBMIT_ANSWER,
];

const anthropic = new Anthropic({ maxRetries: 0 }); // capbench's gateway already retried
const messages = [{ role: "user", content: task.prompt }];
let answer = "";
try {
  for (let turn = 0; turn < 40 && !answer; turn++) {
    const stream = anthropic.messages.stream({
      model: process.env.CAPBENCH_MODEL,
      max_tokens: 2048,
      system: SYSTEM,
      messages,
      tools,
    });
    stream.on("text", (text) => process.stderr.write(text)); // progress, not the answer
    const message = await stream.finalMessage();
    messages.push({ role: "assistant", content: message.content });
    const calls = message.content.filter((block) => block.type === "tool_use");
    if (calls.length === 0) {
      const text = message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
      answer = /answer\s*:\s*(.*)\s*$/i.exec(text)?.[1] ?? text;
      break;
    }
    const results = [];
    for (const call of calls) {
      if (call.name === "submit_answer" && typeof call.input.answer === "string") {
        answer = call.input.answer;
        break;
      }
      const result = await mcp.callTool({ name: call.name, arguments: call.input });
      const content = result.content.map((part) => (part.type === "text" ? part.text : "")).join("\n");
      results.push({ type: "tool_result", tool_use_id: call.id, content, is_error: result.isError === true });
    }
    if (!answer) messages.push({ role: "user", content: results });
  }
} catch (error) {
  // A capbench limit (turns, tokens, cost, time) arrives as a 400 naming it: stop, keep what we have.
  if (!(error instanceof Anthropic.APIError && /capbench limit/.test(error.message))) throw error;
}
await mcp.close();
console.log(JSON.stringify({ answer: answer.trim() }));
