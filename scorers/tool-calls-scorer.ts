import type { Scorer, Task } from "../src/types.js";
import { matchCalls, type ExpectedCall } from "./tool-calls-match.js";
import { parseToolCalls } from "./tool-calls-parse.js";
import type { ParsedCall } from "./tool-calls-python.js";

/**
 * BFCL-style function-call check. The task's `expected` lists the calls, in BFCL's form
 * `[{ "fn": { "arg": [allowed, …] } }]` or as `[{ name, arguments: { arg: [allowed, …] } }]`;
 * `[]` means no call should be made. The answer's calls come from `toolCalls` when the harness
 * gave some, else the calls made to tools during the sample (the trajectory), else are parsed
 * from the text (JSON or `fn(arg=value)`).
 */
export function toolCallsScorer(): Scorer {
  return {
    name: "tool-calls",
    score({ task, answer, toolCalls, trajectory }) {
      const expected = expectedCalls(task);
      const traced = (trajectory ?? []).flatMap((event) => (event.type === "tool" ? [event.call] : []));
      const given = toolCalls && toolCalls.length > 0 ? toolCalls : traced;
      let calls: ParsedCall[];
      if (given.length > 0) {
        calls = given.map((call) => ({ name: call.name, arguments: call.arguments }));
      } else {
        const parsed = parseToolCalls(answer);
        if ("error" in parsed) {
          const pass = expected.length === 0;
          return { value: pass ? 1 : 0, pass, explanation: pass ? "no call made, as expected" : parsed.error };
        }
        calls = parsed.calls;
      }
      const mismatch = matchCalls(calls, expected);
      const pass = mismatch === null;
      return {
        value: pass ? 1 : 0,
        pass,
        explanation: pass
          ? expected.length === 0
            ? "no call made, as expected"
            : `matched ${calls.map((call) => call.name).join(", ")}`
          : mismatch,
      };
    },
  };
}

export function expectedCalls(task: Task): ExpectedCall[] {
  if (!Array.isArray(task.expected))
    throw new Error(`task ${task.id}: expected must be a list of calls for the tool-calls scorer`);
  return task.expected.map((entry, index) => {
    if (!entry || typeof entry !== "object") throw new Error(`task ${task.id}: expected[${index}] must be an object`);
    const record = entry as Record<string, unknown>;
    const [name, args] =
      typeof record.name === "string" ? [record.name, record.arguments ?? {}] : (Object.entries(record)[0] ?? ["", {}]);
    if (!name || !args || typeof args !== "object")
      throw new Error(`task ${task.id}: expected[${index}] must be { name, arguments } or { fn: { arg: [allowed…] } }`);
    const allowed = Object.fromEntries(
      Object.entries(args as Record<string, unknown>).map(([key, value]) => [key, allowedValues(value)]),
    );
    return { name, arguments: allowed };
  });
}

/**
 * A few BFCL live answers give a list argument no allowed value (`"arg": []`), which no call
 * could satisfy; read it as "an empty list, or omitted".
 */
function allowedValues(value: unknown): unknown[] {
  if (!Array.isArray(value)) return [value];
  return value.length === 0 ? ["", []] : value;
}
