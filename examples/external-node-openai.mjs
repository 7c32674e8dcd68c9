/* global process, console, URL */
// A capbench external harness in Node with the official `openai` package: a tool-using agent
// on the Responses API (the OpenAI Agents SDK's default), streamed. The tools come from
// capbench's MCP server (CAPBENCH_MCP_URL); `new OpenAI()` reads OPENAI_BASE_URL and
// OPENAI_API_KEY, which capbench points at its gateway with a per-sample token.
//
//   npx capbench run --suite multihop --harness "exec:node examples/external-node-openai.mjs" --models sim:low,sim:frontier
//
// Outside this repository: npm install openai @modelcontextprotocol/sdk
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import OpenAI from "openai";

const INSTRUCTIONS =
  "You are an agent that solves a task using the tools you are given. Look up what you need with the tools " +
  'instead of guessing. When you know the final answer, call submit_answer with it (or end with a line "Answer: <answer>").';
const SUBMIT_ANSWER = {
  type: "function",
  name: "submit_answer",
  description: "Submit your final answer. This ends your work on the task.",
  parameters: { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] },
  strict: false,
};

let stdin = "";
for await (const chunk of process.stdin) stdin += chunk;
const task = JSON.parse(stdin); // { id, prompt, documents?, tools? }
const mcp = new Client({ name: "capbench-node-openai-example", version: "1.0.0" });
await mcp.connect(new StreamableHTTPClientTransport(new URL(process.env.CAPBENCH_MCP_URL)));
const { tools: mcpTools } = await mcp.listTools();
const tools = [
  ...mcpTools.map((tool) => ({
    type: "function",
    name: tool.name,
    description: tool.description ?? "",
    parameters: tool.inputSchema,
    strict: false,
  })),
  SUBMIT_ANSWER,
];

const openai = new OpenAI({ maxRetries: 0 }); // capbench's gateway already retried
const input = [{ role: "user", content: task.prompt }];
let answer = "";
try {
  for (let turn = 0; turn < 40 && !answer; turn++) {
    const stream = openai.responses.stream({
      model: process.env.CAPBENCH_MODEL,
      instructions: INSTRUCTIONS,
      input,
      tools,
    });
    for await (const event of stream)
      if (event.type === "response.output_text.delta") process.stderr.write(event.delta); // progress, not the answer
    const response = await stream.finalResponse();
    input.push(...response.output);
    const calls = response.output.filter((item) => item.type === "function_call");
    if (calls.length === 0) {
      answer = /answer\s*:\s*(.*)\s*$/i.exec(response.output_text)?.[1] ?? response.output_text;
      break;
    }
    for (const call of calls) {
      const args = JSON.parse(call.arguments || "{}");
      if (call.name === "submit_answer" && typeof args.answer === "string") {
        answer = args.answer;
        break;
      }
      const result = await mcp.callTool({ name: call.name, arguments: args });
      const output = result.content.map((part) => (part.type === "text" ? part.text : "")).join("\n");
      input.push({ type: "function_call_output", call_id: call.call_id, output });
    }
  }
} catch (error) {
  // A capbench limit (turns, tokens, cost, time) arrives as a 400 naming it: stop, keep what we have.
  if (!(error instanceof OpenAI.APIError && /capbench limit/.test(error.message))) throw error;
}
await mcp.close();
console.log(JSON.stringify({ answer: answer.trim() }));
