// The parts of Inspect AI's log format (schema version 2) that capbench reads and writes, after
// src/inspect_ai/log/_log.py and the published OpenAPI document (components.schemas). Logs from
// older Inspect versions lack fields the current schema requires, so the reader treats every
// field as optional and checks what it uses.

export type InspectScoreValue =
  string | number | boolean | null | (string | number | boolean)[] | Record<string, string | number | boolean | null>;

export interface InspectScore {
  value: InspectScoreValue;
  answer?: string | null;
  explanation?: string | null;
  metadata?: Record<string, unknown> | null;
  history?: unknown[];
}

export interface InspectContent {
  type: string;
  text?: string;
  reasoning?: string;
  [key: string]: unknown;
}

export interface InspectToolCall {
  id: string;
  function: string;
  arguments: Record<string, unknown>;
  type?: string;
  parse_error?: string | null;
}

export interface InspectChatMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string | InspectContent[];
  source?: string | null;
  id?: string | null;
  tool_calls?: InspectToolCall[] | null;
  tool_call_id?: string | null;
  function?: string | null;
  error?: { type: string; message: string } | null;
  model?: string | null;
  metadata?: Record<string, unknown> | null;
}

export interface InspectModelUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  input_tokens_cache_write?: number | null;
  input_tokens_cache_read?: number | null;
  reasoning_tokens?: number | null;
  total_cost?: number | null;
}

export interface InspectModelOutput {
  model: string;
  choices: { message: InspectChatMessage; stop_reason: string }[];
  completion?: string;
  usage?: InspectModelUsage | null;
  error?: string | null;
  time?: number | null;
}

export interface InspectEvent {
  event: string;
  timestamp: string;
  working_start?: number;
  span_id?: string | null;
  [key: string]: unknown;
}

export interface InspectSample {
  id: string | number;
  epoch: number;
  input: string | InspectChatMessage[];
  target: string | string[];
  messages?: InspectChatMessage[];
  output?: InspectModelOutput;
  scores?: Record<string, InspectScore> | null;
  /** Inspect < 0.3.x: a single score. */
  score?: InspectScore;
  metadata?: Record<string, unknown>;
  events?: InspectEvent[];
  events_data?: { messages: InspectChatMessage[]; calls: unknown[] } | null;
  model_usage?: Record<string, InspectModelUsage>;
  role_usage?: Record<string, InspectModelUsage>;
  attachments?: Record<string, string>;
  error?: { message: string; traceback?: string; traceback_ansi?: string } | null;
  limit?: { type: string; limit: number } | null;
  started_at?: string | null;
  completed_at?: string | null;
  total_time?: number | null;
  working_time?: number | null;
  uuid?: string | null;
  [key: string]: unknown;
}

export interface InspectPlan {
  name: string;
  steps: { solver: string; params?: Record<string, unknown>; params_passed?: Record<string, unknown> }[];
  config: Record<string, unknown>;
  finish?: unknown;
}

export interface InspectEvalSpec {
  eval_id?: string;
  run_id: string;
  created: string;
  task: string;
  task_id: string;
  task_version: number | string;
  task_display_name?: string | null;
  dataset?: {
    name?: string | null;
    location?: string | null;
    samples?: number | null;
    sample_ids?: unknown[] | null;
    shuffled?: boolean | null;
  };
  model: string;
  solver?: string | null;
  solver_args?: Record<string, unknown> | null;
  metadata?: Record<string, unknown> | null;
  config?: { epochs?: number | null; [key: string]: unknown };
  [key: string]: unknown;
}

export interface InspectEvalScore {
  name: string;
  scorer: string;
  reducer?: string | null;
  params: Record<string, unknown>;
  metrics: Record<string, { name: string; value: number; params?: Record<string, unknown> }>;
  scored_samples?: number | null;
  unscored_samples?: number | null;
}

export interface InspectHeader {
  version: number;
  status: "started" | "success" | "cancelled" | "error";
  eval: InspectEvalSpec;
  plan?: InspectPlan;
  results?: { total_samples: number; completed_samples: number; scores: InspectEvalScore[] } | null;
  stats?: {
    started_at: string;
    completed_at: string;
    model_usage: Record<string, InspectModelUsage>;
    role_usage?: Record<string, InspectModelUsage>;
    connection_limit_history?: unknown[];
  };
  error?: { message: string } | null;
  [key: string]: unknown;
}
