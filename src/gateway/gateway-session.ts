import { randomBytes } from "node:crypto";
import { ProviderError } from "../errors.js";
import { HarnessLimitError } from "../harness-kit/harness-limit-error.js";
import type { HarnessContext, Message, ModelRequest, ModelResponse, ToolBox } from "../types.js";

/** Thrown into a model call whose HTTP caller went away: not a failure of the sample. */
export class CallerGoneError extends Error {
  override readonly name = "CallerGoneError";
}

const MAX_STORED_RESPONSES = 1_000;

/**
 * One sample's presence on the gateway: its token, its harness context (whose model and tools
 * are the runner's traced, limited wrappers), and the first failure a call met. A limit or a
 * provider fault sticks: every later call gets the same error without reaching the model.
 */
export class GatewaySession {
  readonly token = `capbench-${randomBytes(24).toString("hex")}`;
  /** The first HarnessLimitError, ProviderError or gateway fault; decides the sample's end. */
  failure: unknown = null;
  /** Model calls the child made (answered or not). */
  wireCalls = 0;
  private readonly responses = new Map<string, Message[]>();
  private readonly noted = new Set<string>();

  constructor(
    readonly context: HarnessContext,
    /** The tools served over MCP: the task's tools, plus scratch-file tools when asked for. */
    readonly tools: ToolBox,
  ) {}

  async generate(request: ModelRequest, signal: AbortSignal): Promise<ModelResponse> {
    this.wireCalls++;
    if (this.failure) throw this.failure;
    try {
      // Agent loops re-send their context every turn: let the provider cache its prefix (issue 14).
      return await this.context.model.generate({ cache: "auto", ...request }, { signal });
    } catch (error) {
      if (!(error instanceof CallerGoneError) && !signal.aborted) this.fail(error);
      else if (error instanceof HarnessLimitError || error instanceof ProviderError) this.fail(error);
      throw error;
    }
  }

  private fail(error: unknown): void {
    if (this.failure) return;
    this.failure = error;
    const kind = error instanceof HarnessLimitError ? `limit ${error.stopReason}` : "error";
    this.context.note(`gateway: ${kind}; the child was answered with an API error`, {
      message: (error as Error)?.message ?? String(error),
    });
  }

  /** Notes, once per sample, what a wire request carried that capbench could not forward. */
  noteDropped(endpoint: string, dropped: Set<string>): void {
    const fresh = [...dropped].filter((item) => !this.noted.has(`${endpoint}|${item}`));
    if (fresh.length === 0) return;
    for (const item of fresh) this.noted.add(`${endpoint}|${item}`);
    this.context.note(`gateway: ${endpoint} request parts not forwarded to the model`, { dropped: fresh });
  }

  rememberResponse(id: string, conversation: Message[]): void {
    if (this.responses.size >= MAX_STORED_RESPONSES) this.responses.delete(this.responses.keys().next().value!);
    this.responses.set(id, conversation);
  }

  history(id: string): Message[] | undefined {
    return this.responses.get(id);
  }
}
