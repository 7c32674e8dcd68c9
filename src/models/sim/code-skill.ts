import type { ModelRequest } from "../../types.js";
import { randomInt, type RandomSource as Random } from "../../random/seeded-random.js";
import type { SimSkill } from "./sim-skill.js";
import { callsWithResults, findTool, formToolCall, submitAnswer } from "./sim-tool-use.js";

// Writes `transform(numbers)` for "apply these steps in order" programming tasks, one line of
// code per step it recognises, with the profile's per-step error (a skipped step, or a number
// off by one). With a `run_tests` tool it tests its code and, after a failure, rewrites it:
// each rewrite makes fewer mistakes. It reads only the request, like a model.

type Language = "python" | "javascript";
type StepWriter = { pattern: RegExp; python: (k: number) => string; javascript: (k: number) => string };

// What the simulated model knows how to write: sentence → one statement over `result`.
const STEP_WRITERS: StepWriter[] = [
  {
    pattern: /only the even numbers/,
    python: () => "result = list(filter(lambda v: v % 2 == 0, result))",
    javascript: () => "result = result.filter((v) => v % 2 === 0);",
  },
  {
    pattern: /only the odd numbers/,
    python: () => "result = list(filter(lambda v: v % 2 != 0, result))",
    javascript: () => "result = result.filter((v) => v % 2 !== 0);",
  },
  {
    pattern: /Multiply every number by (\d+)/,
    python: (k) => `result = [v * ${k} for v in result]`,
    javascript: (k) => `result = result.map((v) => v * ${k});`,
  },
  {
    pattern: /Add (\d+) to every number/,
    python: (k) => `result = [v + ${k} for v in result]`,
    javascript: (k) => `result = result.map((v) => v + ${k});`,
  },
  {
    pattern: /Subtract (\d+) from every number/,
    python: (k) => `result = [v - ${k} for v in result]`,
    javascript: (k) => `result = result.map((v) => v - ${k});`,
  },
  {
    pattern: /Remove every number greater than (-?\d+)/,
    python: (k) => `result = [v for v in result if not v > ${k}]`,
    javascript: (k) => `result = result.filter((v) => !(v > ${k}));`,
  },
  {
    pattern: /Reverse the order/,
    python: () => "result = list(reversed(result))",
    javascript: () => "result = result.slice().reverse();",
  },
  {
    pattern: /ascending order/,
    python: () => "result = sorted(result)",
    javascript: () => "result = result.slice().sort((a, b) => a - b);",
  },
  {
    pattern: /descending order/,
    python: () => "result = sorted(result)[::-1]",
    javascript: () => "result = result.slice().sort((a, b) => b - a);",
  },
  {
    pattern: /Remove duplicates/,
    python: () => "result = [v for i, v in enumerate(result) if v not in result[:i]]",
    javascript: () => "result = result.filter((v, i) => result.indexOf(v) === i);",
  },
  {
    pattern: /at even positions/,
    python: () => "result = [v for i, v in enumerate(result) if i % 2 == 0]",
    javascript: () => "result = result.filter((v, i) => i % 2 === 0);",
  },
  {
    pattern: /absolute value/,
    python: () => "result = [abs(v) for v in result]",
    javascript: () => "result = result.map(Math.abs);",
  },
  {
    pattern: /running totals/,
    python: () => "result = [sum(result[: i + 1]) for i in range(len(result))]",
    javascript: () => "result = result.map((v, i) => result.slice(0, i + 1).reduce((a, b) => a + b, 0));",
  },
  {
    pattern: /Drop the first (\d+)/,
    python: (k) => `result = result[${k}:]`,
    javascript: (k) => `result = result.slice(${k});`,
  },
  {
    pattern: /Keep only the first (\d+)/,
    python: (k) => `result = result[:${k}]`,
    javascript: (k) => `result = result.slice(0, ${k});`,
  },
  {
    pattern: /Square every number/,
    python: () => "result = [v ** 2 for v in result]",
    javascript: () => "result = result.map((v) => v * v);",
  },
];

const TASK = /Write a (Python|JavaScript) function `[^`]*transform[^`]*` [^\n]*steps in order:\n((?:\d+\. [^\n]+\n?)+)/;

function parseTask(request: ModelRequest): { language: Language; steps: string[] } | null {
  for (const message of request.messages) {
    if (message.role !== "user") continue;
    const match = TASK.exec(message.content);
    if (match)
      return {
        language: match[1] === "Python" ? "python" : "javascript",
        steps: match[2]!
          .trim()
          .split("\n")
          .map((line) => line.replace(/^\d+\.\s*/, "")),
      };
  }
  return null;
}

function writeStep(sentence: string, language: Language, buggy: boolean, random: Random): string {
  const writer = STEP_WRITERS.find((candidate) => candidate.pattern.test(sentence));
  const comment = language === "python" ? "#" : "//";
  if (!writer) return `${comment} (not sure how to: ${sentence})`;
  const parameter = Number(writer.pattern.exec(sentence)?.[1] ?? 0);
  if (!buggy) return writer[language](parameter);
  // A mistake: the step forgotten, or its number off by one.
  if (writer.pattern.source.includes("(") && random() < 0.7)
    return writer[language](parameter + (random() < 0.5 ? 1 : -1));
  return `${comment} ${sentence}`;
}

function writeProgram(
  task: { language: Language; steps: string[] },
  errorScale: number,
  profile: Parameters<SimSkill>[0]["profile"],
  random: Random,
): string {
  const body = task.steps.map((sentence, index) => {
    const errorRate = (index < profile.reliableSteps ? profile.stepError : profile.overloadError) * errorScale;
    return writeStep(sentence, task.language, random() < errorRate, random);
  });
  if (task.language === "python")
    return [
      "def transform(numbers):",
      "    result = list(numbers)",
      ...body.map((line) => `    ${line}`),
      "    return result",
    ].join("\n");
  return [
    "function transform(numbers) {",
    "  let result = [...numbers];",
    ...body.map((line) => `  ${line}`),
    "  return result;",
    "}",
  ].join("\n");
}

export const codeSkill: SimSkill = ({ request, profile, random }) => {
  const task = parseTask(request);
  if (!task) return null;
  const tests = callsWithResults(request.messages).filter(
    (pair) => pair.call.name === "run_tests" && pair.result !== null && !pair.isError,
  );
  const lastPassed =
    tests.length > 0 &&
    /passed/i.test(tests[tests.length - 1]!.result!) &&
    !/failed/i.test(tests[tests.length - 1]!.result!);
  // Each failed test run is a debugging round: the rewrite makes half the mistakes.
  const program = writeProgram(task, 0.5 ** tests.length, profile, random);
  const fenced = `\`\`\`${task.language}\n${program}\n\`\`\``;
  const runTests = findTool(request, "run_tests");
  if (runTests && !lastPassed && tests.length < 3) {
    return {
      text: "Let me test this.",
      toolCalls: [formToolCall(runTests, program, { request, profile, random, index: randomInt(random, 0, 0) })],
    };
  }
  if (findTool(request, "submit_answer")) return submitAnswer(fenced, "", { request, profile, random });
  return { text: fenced };
};
