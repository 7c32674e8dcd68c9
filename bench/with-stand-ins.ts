// `node dist/bench/with-stand-ins.js <capbench arguments>`: runs the built CLI against local
// stand-ins of the OpenAI and Anthropic APIs (test/servers), both with their batch APIs, the
// Anthropic one with its prompt-cache accounting, answering as sim:mid (OpenAI) and
// sim:frontier (Anthropic). Offline and free: for trying --batch and prompt caching on real
// harness code without a key. Prints what the stand-ins saw when the run ends.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startAnthropicBatchServer } from "../test/servers/anthropic-batch-server.js";
import { PromptCacheModel } from "../test/servers/anthropic-prompt-cache.js";
import { startOpenAIBatchServer } from "../test/servers/openai-batch-server.js";
import { simReplyHandler } from "../test/servers/sim-reply-handler.js";

const BIN = fileURLToPath(new URL("../src/cli/bin.js", import.meta.url));
const promptCache = new PromptCacheModel({ minTokens: 1024 });
const openai = await startOpenAIBatchServer({
  handler: simReplyHandler("mid", { format: "openai" }),
  behaviour: { pollsToEnd: 3 },
});
const anthropic = await startAnthropicBatchServer({
  handler: simReplyHandler("frontier", { format: "anthropic" }),
  behaviour: { pollsToEnd: 3 },
  promptCache,
});
const child = spawn(process.execPath, [BIN, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    ...process.env,
    OPENAI_API_KEY: "sk-stand-in",
    OPENAI_BASE_URL: `${openai.url}/v1`,
    ANTHROPIC_API_KEY: "sk-stand-in",
    ANTHROPIC_BASE_URL: anthropic.url,
  },
});
const status = await new Promise<number>((resolve) =>
  child.on("exit", (code, signal) => resolve(code ?? (signal ? 130 : 1))),
);
await openai.close();
await anthropic.close();
const { cacheRead, cacheWrite, input } = promptCache.totals;
process.stderr.write(
  `stand-ins: OpenAI ${openai.directCalls} direct calls, ${openai.batches.length} batches · Anthropic ${anthropic.directCalls} direct calls, ${anthropic.batches.length} batches, prompt cache read ${cacheRead} / written ${cacheWrite} / uncached ${input} input tokens\n`,
);
process.exitCode = status;
