import { randomInt } from "../../random/seeded-random.js";
import { asksStepByStep, lastUserText, type SimSkill } from "./sim-skill.js";

// Solves the `arith` word problems and bare expressions ("What is 12 * 3?") by parsing them,
// making mistakes the way the profile says: reliable for a few steps, error-prone past them.

type Step = { describe: (value: number) => string; apply: (value: number) => number };

const STEP_PATTERNS: Array<[RegExp, (amount: number) => Step]> = [
  [/gets (\d+) more/, (amount) => ({ describe: (v) => `${v} + ${amount}`, apply: (v) => v + amount })],
  [/gives away (\d+)/, (amount) => ({ describe: (v) => `${v} - ${amount}`, apply: (v) => v - amount })],
  [/multiplied by (\d+)/, (amount) => ({ describe: (v) => `${v} * ${amount}`, apply: (v) => v * amount })],
  [/half of the \w+ are lost()/, () => ({ describe: (v) => `${v} / 2`, apply: (v) => v / 2 })],
];

export function parseWordProblem(text: string): { start: number; steps: Step[] } | null {
  const start = /starts with (\d+) /.exec(text);
  if (!start) return null;
  const steps: Step[] = [];
  for (const sentence of text.slice(start.index).split(/(?<=\.)\s+/)) {
    for (const [pattern, make] of STEP_PATTERNS) {
      const match = pattern.exec(sentence);
      if (match) {
        steps.push(make(Number(match[1] || 0)));
        break;
      }
    }
  }
  return { start: Number(start[1]), steps };
}

const EXPRESSION = /(-?\d+(?:\.\d+)?)\s*([+\-*/×÷])\s*(-?\d+(?:\.\d+)?)/;

function parseExpression(text: string): { start: number; steps: Step[] } | null {
  const match = EXPRESSION.exec(text);
  if (!match) return null;
  const right = Number(match[3]);
  const operator = match[2]!;
  const apply = (v: number) =>
    operator === "+"
      ? v + right
      : operator === "-"
        ? v - right
        : operator === "*" || operator === "×"
          ? v * right
          : v / right;
  return { start: Number(match[1]), steps: [{ describe: (v) => `${v} ${operator} ${right}`, apply }] };
}

export const arithSkill: SimSkill = ({ request, profile, random }) => {
  const text = lastUserText(request);
  const problem = parseWordProblem(text) ?? parseExpression(text);
  if (!problem || problem.steps.length === 0) return null;
  const stepByStep = asksStepByStep(request);
  // Writing the steps out extends how far the model stays reliable.
  const reliable = stepByStep ? profile.reliableSteps * 2 : profile.reliableSteps;
  let value = problem.start;
  const lines: string[] = [];
  problem.steps.forEach((step, index) => {
    const errorRate = index < reliable ? profile.stepError : profile.overloadError;
    let next = step.apply(value);
    if (random() < errorRate) next += randomInt(random, 1, 9) * (random() < 0.5 ? -1 : 1);
    lines.push(`Step ${index + 1}: ${step.describe(value)} = ${next}`);
    value = next;
  });
  const answer = `Answer: ${value}`;
  return { text: stepByStep ? `${lines.join("\n")}\n${answer}` : answer };
};
