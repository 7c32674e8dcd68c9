import type { StopReason } from "../types.js";

/**
 * Thrown by the kit's wrappers when a sample hits a limit (turns, tokens, cost, time). A
 * harness may catch it to return a partial answer; if it escapes, the sample ends with that
 * stop reason and an empty answer.
 */
export class HarnessLimitError extends Error {
  override readonly name = "HarnessLimitError";
  constructor(
    readonly stopReason: StopReason,
    message: string,
  ) {
    super(message);
  }
}
