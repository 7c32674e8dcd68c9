import type {
  FinishReason,
  GenerateOptions,
  ModelClient,
  ModelRequest,
  ModelResponse,
  ToolCall,
  Usage,
} from "../types.js";

/** One scripted reply: text, tool calls, or both. A plain string is a text reply; an Error is thrown. */
export type ScriptedReply =
  | string
  | Error
  | {
      text?: string;
      toolCalls?: Array<Omit<ToolCall, "id"> & { id?: string }>;
      finishReason?: FinishReason;
      usage?: Partial<Usage>;
    };

export interface ScriptedCall {
  request: ModelRequest;
  epoch: number;
  ordinal: number;
}

/** The replies in order, or a function of the request (and the call's index) that gives each one. */
export type Script =
  | readonly ScriptedReply[]
  | ((request: ModelRequest, call: { index: number; epoch: number }) => ScriptedReply | Promise<ScriptedReply>);

export interface ScriptedModel extends ModelClient {
  /** Every call made, in order, with the request exactly as sent. */
  readonly calls: readonly ScriptedCall[];
  /** The requests alone. */
  readonly requests: readonly ModelRequest[];
}

const estimateTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

function requestTokens(request: ModelRequest): number {
  return estimateTokens(
    (request.system ?? "") +
      request.messages.map((message) => message.content).join("\n") +
      (request.tools ? JSON.stringify(request.tools) : ""),
  );
}

/**
 * A model that answers from a script and records every request: for testing a harness's logic
 * without a model. With a list, the i-th call gets the i-th reply (past the end it throws, naming
 * the call); with a function, each reply is computed from the request. Tool calls get ids
 * `call_<n>` unless given. Usage is estimated at four characters a token unless scripted.
 */
export function createScriptedModel(script: Script, options: { id?: string } = {}): ScriptedModel {
  const id = options.id ?? "scripted:model";
  const calls: ScriptedCall[] = [];
  let toolCallCount = 0;
  return {
    id,
    provider: "scripted",
    modelId: id.includes(":") ? id.slice(id.indexOf(":") + 1) : id,
    simulated: true,
    calls,
    get requests() {
      return calls.map((call) => call.request);
    },
    async generate(request: ModelRequest, generateOptions: GenerateOptions = {}): Promise<ModelResponse> {
      generateOptions.signal?.throwIfAborted();
      const index = calls.length;
      const epoch = generateOptions.epoch ?? 0;
      calls.push({ request: structuredClone(request), epoch, ordinal: generateOptions.ordinal ?? 0 });
      let reply: ScriptedReply | undefined;
      if (typeof script === "function") reply = await script(request, { index, epoch });
      else {
        reply = script[index];
        if (reply === undefined)
          throw new Error(`scripted model: no reply for call ${index + 1} (the script has ${script.length})`);
      }
      if (reply instanceof Error) throw reply;
      const turn = typeof reply === "string" ? { text: reply } : reply;
      const toolCalls: ToolCall[] = (turn.toolCalls ?? []).map((call) => ({
        id: call.id ?? `call_${++toolCallCount}`,
        name: call.name,
        arguments: call.arguments,
      }));
      const text = turn.text ?? "";
      return {
        text,
        toolCalls,
        finishReason: turn.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop"),
        usage: {
          inputTokens: requestTokens(request),
          outputTokens: estimateTokens(text + JSON.stringify(toolCalls)),
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          ...turn.usage,
        },
        latencyMs: 0,
        cached: false,
        warnings: [],
      };
    },
  };
}
