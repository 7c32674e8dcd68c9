import { HARNESS_LIMIT_REASONS, type StopReason, type ToolCall } from "../../src/types.js";

export interface HarnessOutput {
  answer: string;
  /** A stop reason the harness reported itself (`{"answer": …, "stopReason": "max_turns"}`). */
  stopReason: StopReason | null;
  toolCalls?: ToolCall[];
  /** Whether stdout had any non-empty line. */
  found: boolean;
}

/** Stop reasons a harness may report for itself; errors are capbench's to decide. */
const REPORTABLE = new Set<StopReason>(["answered", "tool_error", ...HARNESS_LIMIT_REASONS]);

function toolCallsOf(value: unknown): ToolCall[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter((call): call is Record<string, unknown> => typeof call === "object" && call !== null)
    .map((call, index) => ({
      id: typeof call.id === "string" ? call.id : `answer_${index}`,
      name: String(call.name ?? ""),
      arguments:
        typeof call.arguments === "object" && call.arguments !== null && !Array.isArray(call.arguments)
          ? (call.arguments as Record<string, unknown>)
          : {},
    }));
}

/**
 * The answer rule: the last non-empty line of stdout; when that line is a JSON object with an
 * `answer` field, that field (a non-string answer is kept as JSON). Such an object may also
 * carry `stopReason` and `toolCalls` (for function-calling suites).
 */
export function parseHarnessOutput(stdout: string): HarnessOutput {
  const lines = stdout.split(/\r?\n/).map((line) => line.trim());
  const last = lines.filter(Boolean).pop();
  if (last === undefined) return { answer: "", stopReason: null, found: false };
  if (last.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(last);
    } catch {
      parsed = null;
    }
    if (typeof parsed === "object" && parsed !== null && "answer" in parsed) {
      const object = parsed as Record<string, unknown>;
      const answer =
        typeof object.answer === "string"
          ? object.answer
          : object.answer === null || object.answer === undefined
            ? ""
            : JSON.stringify(object.answer);
      const stopReason = REPORTABLE.has(object.stopReason as StopReason) ? (object.stopReason as StopReason) : null;
      const toolCalls = toolCallsOf(object.toolCalls);
      return { answer, stopReason, ...(toolCalls ? { toolCalls } : {}), found: true };
    }
  }
  return { answer: last, stopReason: null, found: true };
}
