import { describe, expect, it } from "vitest";
import { GatewaySession } from "../src/gateway/gateway-session.js";
import { withSampleContext } from "./gateway-sample-context.js";

// Requests an external harness sends through the gateway ask for prompt caching by default
// (`cache: "auto"`, which places Anthropic cache breakpoints), unless the request says otherwise.

describe("the gateway and prompt caching", () => {
  it("forwards requests with cache: auto, keeping an explicit setting", async () => {
    const { outcome } = await withSampleContext(async (context) => {
      const session = new GatewaySession(context, context.tools);
      const signal = new AbortController().signal;
      await session.generate({ messages: [{ role: "user", content: "Who is the mentor of Alvar Benn?" }] }, signal);
      await session.generate({ messages: [{ role: "user", content: "Again." }], cache: "off" }, signal);
    });
    const sent = outcome.trace.flatMap((event) => (event.type === "model" ? [event.request.cache] : []));
    expect(sent).toEqual(["auto", "off"]);
  });
});
