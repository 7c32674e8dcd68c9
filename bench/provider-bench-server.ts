import { parentPort, workerData } from "node:worker_threads";
import { startOpenAIServer } from "../test/servers/openai-server.js";

// The benchmark's OpenAI-format server, in its own thread so that its CPU time does not
// compete with the client being measured (a real provider is on another machine).

const { latencyMs } = workerData as { latencyMs: number };
const server = await startOpenAIServer({
  latencyMs,
  handler: (request) => ({ text: `echo ${request.body?.messages?.length ?? 0}` }),
});
let recorded = 0;
parentPort?.on("message", async (message: string) => {
  if (message === "count") {
    recorded = server.requestCount;
    server.requests.length = 0; // keep memory flat across long runs
    parentPort?.postMessage({ count: recorded });
  } else if (message === "close") {
    await server.close();
    parentPort?.postMessage({ closed: true });
  }
});
parentPort?.postMessage({ url: server.url });
