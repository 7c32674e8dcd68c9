import * as incubating from "@opentelemetry/semantic-conventions/incubating";
import { describe, expect, it } from "vitest";
import { GEN_AI, GEN_AI_EVALUATION_RESULT, GEN_AI_OPERATIONS } from "./gen-ai-attributes.js";

// The names are copied (the package's incubating entries may change in a minor release);
// this checks the copies against the installed @opentelemetry/semantic-conventions.
describe("GenAI semantic convention names", () => {
  it("match @opentelemetry/semantic-conventions/incubating", () => {
    const expected: Record<keyof typeof GEN_AI, string> = {
      operationName: incubating.ATTR_GEN_AI_OPERATION_NAME,
      providerName: incubating.ATTR_GEN_AI_PROVIDER_NAME,
      system: incubating.ATTR_GEN_AI_SYSTEM,
      requestModel: incubating.ATTR_GEN_AI_REQUEST_MODEL,
      requestMaxTokens: incubating.ATTR_GEN_AI_REQUEST_MAX_TOKENS,
      requestTemperature: incubating.ATTR_GEN_AI_REQUEST_TEMPERATURE,
      requestSeed: incubating.ATTR_GEN_AI_REQUEST_SEED,
      responseFinishReasons: incubating.ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
      usageInputTokens: incubating.ATTR_GEN_AI_USAGE_INPUT_TOKENS,
      usageOutputTokens: incubating.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
      usageCacheReadInputTokens: incubating.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
      usageCacheCreationInputTokens: incubating.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
      agentName: incubating.ATTR_GEN_AI_AGENT_NAME,
      conversationId: incubating.ATTR_GEN_AI_CONVERSATION_ID,
      toolName: incubating.ATTR_GEN_AI_TOOL_NAME,
      toolType: incubating.ATTR_GEN_AI_TOOL_TYPE,
      toolCallId: incubating.ATTR_GEN_AI_TOOL_CALL_ID,
      toolCallArguments: incubating.ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
      toolCallResult: incubating.ATTR_GEN_AI_TOOL_CALL_RESULT,
      toolDefinitions: incubating.ATTR_GEN_AI_TOOL_DEFINITIONS,
      inputMessages: incubating.ATTR_GEN_AI_INPUT_MESSAGES,
      outputMessages: incubating.ATTR_GEN_AI_OUTPUT_MESSAGES,
      systemInstructions: incubating.ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
      evaluationName: incubating.ATTR_GEN_AI_EVALUATION_NAME,
      evaluationScoreValue: incubating.ATTR_GEN_AI_EVALUATION_SCORE_VALUE,
      evaluationScoreLabel: incubating.ATTR_GEN_AI_EVALUATION_SCORE_LABEL,
      evaluationExplanation: incubating.ATTR_GEN_AI_EVALUATION_EXPLANATION,
      errorType: incubating.ATTR_ERROR_TYPE,
    };
    expect(GEN_AI).toEqual(expected);
    expect(GEN_AI_OPERATIONS).toEqual({
      invokeAgent: incubating.GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT,
      chat: incubating.GEN_AI_OPERATION_NAME_VALUE_CHAT,
      executeTool: incubating.GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL,
    });
    expect(GEN_AI_EVALUATION_RESULT).toBe(incubating.EVENT_GEN_AI_EVALUATION_RESULT);
  });
});
