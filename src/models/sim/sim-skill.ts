import type { ModelRequest, ToolCall } from "../../types.js";
import type { RandomSource as Random } from "../../random/seeded-random.js";
import type { SimProfile } from "./sim-profiles.js";

export interface SimReply {
  text: string;
  toolCalls?: ToolCall[];
}

export interface SimInput {
  request: ModelRequest;
  profile: SimProfile;
  random: Random;
  /** Tokens in the whole request (system, messages, tools), estimated. */
  contextTokens: number;
}

/** One thing a simulated model knows how to do. Returns null when the request is not its kind. */
export type SimSkill = (input: SimInput) => SimReply | null;

/** All text a model would read, in order. */
export function requestText(request: ModelRequest): string {
  const parts = [request.system ?? ""];
  for (const message of request.messages) parts.push(message.content);
  return parts.join("\n");
}

export function lastUserText(request: ModelRequest): string {
  for (let index = request.messages.length - 1; index >= 0; index--) {
    const message = request.messages[index]!;
    if (message.role === "user") return message.content;
  }
  return "";
}

/** Whether the request asks for step-by-step reasoning (chain of thought). */
export function asksStepByStep(request: ModelRequest): boolean {
  return /step by step/i.test(requestText(request));
}
