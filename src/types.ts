// The contracts every part of capbench speaks: messages and tool calls, the model client,
// the harness, the scorer, the suite, and the sample record a run writes. Shapes only.

import type { ZodType } from "zod";
import type { ScorerSpec } from "../scorers/scorer-options.js";

export type JsonSchema = Record<string, unknown>;

// ---------------------------------------------------------------- messages and tools

export interface ToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

export type Message =
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; toolCalls?: ToolCall[] }
  | { role: "tool"; toolCallId: string; name: string; content: string; isError?: boolean };

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON schema of the arguments object. */
  parameters: JsonSchema;
}

// ---------------------------------------------------------------- model client

export interface ModelRequest {
  system?: string;
  messages: Message[];
  tools?: ToolSpec[];
  maxOutputTokens?: number;
  temperature?: number;
  seed?: number;
  /**
   * Provider prompt caching. `auto`: mark the stable prefix (tools, system, the conversation so
   * far) for providers that need marks (Anthropic `cache_control` breakpoints); `off` or absent:
   * no marks. The built-in agent harnesses and the gateway send `auto`. OpenAI caches on its own.
   */
  cache?: "auto" | "off";
}

export type FinishReason = "stop" | "tool_calls" | "length" | "content_filter" | "other";

export interface Usage {
  /** All input tokens, cache reads and writes included (providers that report them apart are summed). */
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export interface ModelResponse {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Usage;
  latencyMs: number;
  /** True when served from the response cache (no request reached the provider). */
  cached: boolean;
  /** Settings the provider could not honour, and similar notes. Never fatal. */
  warnings: string[];
  /** How the call was billed when not at list price: `batch` (a batch API, half price). */
  billing?: "batch";
}

export interface GenerateOptions {
  signal?: AbortSignal;
  /** The sample's epoch: part of the cache key, and of the simulated models' randomness. */
  epoch?: number;
  /**
   * 0-based count of earlier identical requests (same request and epoch) in the same sample.
   * Part of the cache key and of the simulated models' randomness: N identical calls in a
   * sample are N independent draws, and a re-run replays the same N.
   */
  ordinal?: number;
}

/** Whether a provider endpoint still takes requests (see ModelClient.health). */
export interface ModelHealth {
  /**
   * `ok`: requests go out. `open`: consecutive connection failures opened the circuit; calls
   * fail at once until a probe after the cool-down gets an answer. `dead`: the key was refused;
   * every call fails at once for the rest of the process.
   */
  state: "ok" | "open" | "dead";
  /** Set when state is not `ok`: the kind of the error calls now fail with. */
  fatal?: "auth" | "unreachable";
  /** The message fast-failing calls carry (names the model, and the key's variable for `auth`). */
  message?: string;
  /** Whether any request to this endpoint got an HTTP response since the client was made. */
  reached: boolean;
  /** Connection failures in a row with no HTTP response in between (attempts in flight together count once). */
  consecutiveConnectionFailures: number;
}

export interface ModelClient {
  /** Full id as the user wrote it, e.g. `anthropic:claude-sonnet-4-5` or `sim:low`. */
  readonly id: string;
  readonly provider: string;
  readonly modelId: string;
  /** Simulated models are labelled as such in every table and report. */
  readonly simulated: boolean;
  generate(request: ModelRequest, options?: GenerateOptions): Promise<ModelResponse>;
  /** Provider clients: the endpoint's health (absent on simulated and wrapped clients). */
  health?(): ModelHealth;
}

/** Price in US dollars per million tokens. */
export interface Price {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

export type Tier = "low" | "mid" | "frontier";
export const TIERS: readonly Tier[] = ["low", "mid", "frontier"];

export interface ModelSpec {
  id: string;
  tier: Tier;
  /** A numeric capability for the elasticity (default: the tier's index). */
  capability?: number;
  baseURL?: string;
  /** Name of the environment variable that holds the key (never the key itself). */
  apiKeyEnv?: string;
  price?: Price;
  /** Provider options passed through (e.g. temperature); unknown ones become warnings. */
  options?: Record<string, unknown>;
  /** Per-provider concurrency and rate limits. */
  concurrency?: number;
  rpm?: number;
  tpm?: number;
  timeoutMs?: number;
}

// ---------------------------------------------------------------- tasks, suites, scorers

export interface TaskDocument {
  id: string;
  title?: string;
  text: string;
}

export interface Task {
  id: string;
  prompt: string;
  expected?: unknown;
  difficulty?: number;
  documents?: TaskDocument[];
  metadata?: Record<string, unknown>;
}

export interface Score {
  /** In [0, 1]. */
  value: number;
  pass: boolean;
  explanation: string;
}

export interface ScoreInput {
  task: Task;
  answer: string;
  /** Tool calls the harness reported as its answer (e.g. for function-calling suites). */
  toolCalls?: ToolCall[];
  trajectory?: TraceEvent[];
  signal?: AbortSignal;
}

export interface Scorer {
  name: string;
  score(input: ScoreInput): Score | Promise<Score>;
}

/** A tool as a suite or harness implements it. Throw to report a tool error to the model. */
export interface Tool {
  spec: ToolSpec;
  execute(args: Record<string, unknown>, context: ToolExecuteContext): Promise<string> | string;
}

export interface ToolExecuteContext {
  signal: AbortSignal;
  scratchDir: string;
}

/** How a suite lets harnesses use its documents. */
export type DocumentPolicy = "stuff" | "retrieve" | "none";

export interface Suite {
  name: string;
  description?: string;
  scorer: Scorer;
  tasks: Task[];
  /** `stuff`: the prompt harness may put all documents in context. Default `stuff`. */
  documents?: DocumentPolicy;
  /** Tools the environment gives a harness for a task (fresh per sample). */
  tools?: (task: Task, context: { scratchDir: string }) => Tool[];
  /** Runs code in the sandbox (its tools or scorer): the sandbox is checked before the run starts. */
  sandbox?: boolean;
  /** Where the suite came from (built-in name, path, importer ref). */
  source?: string;
}

export interface SuiteOptions {
  seed: number;
  /** Limit the number of tasks (first N in suite order). */
  limit?: number;
  [key: string]: unknown;
}

export interface SuiteDefinition {
  name: string;
  description?: string;
  /** Schema of the suite's options (`suiteOptions.<name>` in the config), checked at load. */
  options?: ZodType<Record<string, unknown>>;
  scorer: Scorer | ScorerSpec;
  documents?: DocumentPolicy;
  tasks: Task[] | ((options: SuiteOptions) => Task[]);
  tools?: Suite["tools"];
  sandbox?: boolean;
}

/** A built-in scorer with its options, e.g. `{ type: "numeric", tolerance: 0.01 }`. */
export type { ScorerSpec };

// ---------------------------------------------------------------- harness

export type StopReason =
  | "answered"
  | "max_turns"
  | "token_budget"
  | "cost_budget"
  | "context_overflow"
  | "timeout"
  | "parse_error"
  | "tool_error"
  | "provider_error"
  /** The harness code itself threw (a bug in the harness): an error, like provider_error. */
  | "harness_error";

export const STOP_REASONS: readonly StopReason[] = [
  "answered",
  "max_turns",
  "token_budget",
  "cost_budget",
  "context_overflow",
  "timeout",
  "parse_error",
  "tool_error",
  "provider_error",
  "harness_error",
];

/** Stop reasons that mean the harness, not the model's answer, ended the sample. */
export const HARNESS_LIMIT_REASONS: readonly StopReason[] = [
  "max_turns",
  "token_budget",
  "cost_budget",
  "context_overflow",
  "timeout",
  "parse_error",
];

export interface Limits {
  /** Model calls per sample (sub-agents included). */
  maxTurns: number;
  /** Input + output tokens per sample. */
  maxTokens: number;
  /** US dollars per sample; null for no limit. */
  maxCostUsd: number | null;
  /** Wall time per sample. */
  timeoutMs: number;
}

export interface ToolResult {
  content: string;
  isError: boolean;
}

/** The task's tools as a harness sees them: calls are recorded and errors become results. */
export interface ToolBox {
  readonly specs: ToolSpec[];
  has(name: string): boolean;
  call(call: ToolCall): Promise<ToolResult>;
}

export interface HarnessContext {
  task: Task;
  suite: { name: string; documents: DocumentPolicy };
  /** Wrapped: every call is traced and counted against the limits. */
  model: ModelClient;
  /** Wrapped: every call is traced. */
  tools: ToolBox;
  limits: Limits;
  /** Usage so far in this sample (all agents). */
  readonly usage: Readonly<Usage>;
  readonly turns: number;
  /** A fresh directory for this sample, removed afterwards. */
  scratchDir: string;
  signal: AbortSignal;
  /** Variant options, e.g. `{ context: "compact" }` for `agent[context=compact]`. */
  options: Record<string, string>;
  epoch: number;
  seed: number;
  /**
   * A context for a sub-agent: its calls are traced nested under `name`, and count against
   * the same sample's limits. Pass extra tools to give the sub-agent tools of its own.
   */
  child(name: string, overrides?: { tools?: ToolBox }): HarnessContext;
  /** A ToolBox of harness-made tools (e.g. submit_answer, delegate, scratch files), traced under this agent like the suite's tools. */
  toolBox(tools: Tool[]): ToolBox;
  /** Optional: the config's `workflows` record (workflows declared as data). */
  workflows?: Record<string, unknown>;
  /** Free-form note into the trajectory. */
  note(message: string, data?: unknown): void;
}

export interface HarnessResult {
  answer: string;
  stopReason: StopReason;
  /** For function-calling suites: the calls the harness gives as its answer. */
  toolCalls?: ToolCall[];
}

/** A variant option a harness accepts: a whole number, any text, or one of a list of values. */
export type HarnessOptionKind = "integer" | "string" | readonly string[];

/**
 * The variant options a harness accepts: a declaration (`{ k: "integer", mode: ["a", "b"] }`) or
 * a zod schema of the option record. Values arrive as text, as written in `name[key=value]`.
 */
export type HarnessOptionsDeclaration = Record<string, HarnessOptionKind> | ZodType<Record<string, string>>;

/** What a harness's own option check may consult, at load time. */
export interface HarnessOptionCheckContext {
  /** The config's `workflows` record. */
  workflows: Record<string, unknown>;
}

export interface Harness {
  name: string;
  description?: string;
  /**
   * The variant options the harness accepts (`agent[context=compact]`). When given, unknown
   * options and bad values are refused at load (exit 2), never inside a sample.
   */
  options?: HarnessOptionsDeclaration;
  /** A check that needs the run's config (e.g. that a named workflow exists): a problem, or nothing. */
  checkOptions?(options: Record<string, string>, context: HarnessOptionCheckContext): string | undefined;
  run(context: HarnessContext): Promise<HarnessResult>;
}

// ---------------------------------------------------------------- trajectory and samples

export type TraceEvent =
  | {
      type: "model";
      agent: string;
      at: number;
      request: ModelRequest;
      response?: ModelResponse;
      error?: string;
      latencyMs: number;
    }
  | {
      type: "tool";
      agent: string;
      at: number;
      call: ToolCall;
      result: ToolResult;
      latencyMs: number;
    }
  | { type: "note"; agent: string; at: number; message: string; data?: unknown };

export interface SampleError {
  kind: "provider" | "harness" | "scorer" | "internal";
  message: string;
  status?: number;
  /** A provider error that killed its endpoint (ProviderError.fatal): the run cannot complete for that model. */
  fatal?: "auth" | "unreachable";
}

export interface SampleRecord {
  /** Stable key: suite|taskId|harness|model|epoch. */
  key: string;
  suite: string;
  taskId: string;
  harness: string;
  model: string;
  tier: Tier;
  simulated: boolean;
  epoch: number;
  difficulty?: number;
  answer: string;
  /** Null when the sample errored (never a silent 0). */
  score: Score | null;
  stopReason: StopReason;
  usage: Usage;
  /** List-price cost of the sample's calls (replayed ones included); null when the model has no price. */
  costUsd: number | null;
  /** The part of `costUsd` replayed from the response cache (not paid by this run). */
  replayedCostUsd?: number;
  /** The cost at list price, when billing differed from it (a batch API's discount); comparisons use it. */
  listCostUsd?: number;
  /** The task's `metadata.family` (or `cluster`): intervals resample families, then tasks. */
  family?: string;
  latencyMs: number;
  modelCalls: number;
  toolCalls: number;
  cachedCalls: number;
  /** The trajectory: a file under the run directory, and where its line is in that file. */
  trace?: string;
  traceOffset?: number;
  traceBytes?: number;
  error?: SampleError;
  warnings?: string[];
}
