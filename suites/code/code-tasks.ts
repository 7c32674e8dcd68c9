import { createRandom, hashString, randomInt, type RandomSource as Random } from "../../src/random/seeded-random.js";
import type { Task } from "../../src/types.js";
import { CODE_OPERATIONS, type CodeOperation } from "./code-operations.js";

export type CodeLanguage = "python" | "javascript";

export interface CodeStep {
  operation: string;
  parameter: number;
}

export interface CodeTaskMetadata {
  language: CodeLanguage;
  steps: CodeStep[];
  /** Checked by the `run_tests` tool; also shown in the prompt. */
  visibleTests: string;
  /** Kept out of the prompt. */
  referenceSolution: string;
}

const VISIBLE_INPUTS = 2;
const HIDDEN_INPUTS = 8;

/**
 * One task: a function `transform(numbers)` that chains `difficulty` distinct steps over a list
 * of integers. Hidden tests check 8 inputs (the empty list among them) against outputs
 * computed here; the 2 visible examples are in the prompt.
 */
export function generateCodeTask(seed: number, language: CodeLanguage, difficulty: number, index: number): Task {
  const random = createRandom(hashString(`code:${seed}:${language}:${difficulty}:${index}`));
  const { steps, cases } = drawTight(random, difficulty);
  const visible = cases.slice(0, VISIBLE_INPUTS);
  const hidden = cases.slice(VISIBLE_INPUTS);
  const languageName = language === "python" ? "Python" : "JavaScript";
  const signature = language === "python" ? "def transform(numbers: list[int]) -> list[int]" : "transform(numbers)";
  const prompt = [
    `Write a ${languageName} function \`${signature}\` that returns a new list (the input stays unchanged) obtained from \`numbers\` by applying these steps in order:`,
    ...steps.map((step, position) => `${position + 1}. ${operation(step).describe(step.parameter)}`),
    "",
    "Examples:",
    ...visible.map(({ input, output }) => `transform(${JSON.stringify(input)}) returns ${JSON.stringify(output)}`),
    "",
    language === "python"
      ? "Reply with the complete function in a ```python code block."
      : "Reply with the complete function in a ```javascript code block (a plain function declaration, no exports or imports).",
  ].join("\n");
  const metadata: CodeTaskMetadata = {
    language,
    steps,
    visibleTests: testCode(language, visible),
    referenceSolution: referenceSolution(language, steps),
  };
  return {
    id: `code/${language === "python" ? "py" : "js"}-${difficulty}-${index}`,
    prompt,
    expected: {
      language: language === "python" ? "python" : "node",
      tests: testCode(language, cases),
      hidden: hidden.length,
    },
    difficulty,
    metadata: metadata as unknown as Record<string, unknown>,
  };
}

const DRAW_ATTEMPTS = 200;

/**
 * Steps and test inputs such that leaving out any one step changes some expected output, so
 * the tests notice a skipped step (redrawn up to DRAW_ATTEMPTS times; the last draw is kept).
 */
function drawTight(
  random: Random,
  difficulty: number,
): { steps: CodeStep[]; cases: { input: number[]; output: number[] }[] } {
  let draw: { steps: CodeStep[]; cases: { input: number[]; output: number[] }[] } = { steps: [], cases: [] };
  for (let attempt = 0; attempt < DRAW_ATTEMPTS; attempt++) {
    const steps = pickSteps(random, difficulty);
    const inputs = [
      randomList(random, 5, 8),
      randomList(random, 4, 7),
      [],
      ...Array.from({ length: HIDDEN_INPUTS - 1 }, () => randomList(random, 1, 10)),
    ];
    draw = { steps, cases: inputs.map((input) => ({ input, output: applySteps(steps, input) })) };
    const tight = steps.every((_, skipped) => {
      const without = steps.filter((__, position) => position !== skipped);
      return draw.cases.some(
        ({ input, output }) => JSON.stringify(applySteps(without, input)) !== JSON.stringify(output),
      );
    });
    if (tight) break;
  }
  return draw;
}

function applySteps(steps: CodeStep[], numbers: number[]): number[] {
  return steps.reduce((current, step) => operation(step).apply(current, step.parameter), numbers);
}

function operation(step: CodeStep): CodeOperation {
  return CODE_OPERATIONS.find((candidate) => candidate.name === step.operation)!;
}

/** Distinct steps; the ones that grow numbers fast appear at most once, so values stay exact in JavaScript. */
function pickSteps(random: Random, count: number): CodeStep[] {
  const pool = [...CODE_OPERATIONS];
  const steps: CodeStep[] = [];
  while (steps.length < count && pool.length > 0) {
    const [chosen] = pool.splice(randomInt(random, 0, pool.length - 1), 1);
    const range = chosen!.parameter;
    let parameter = 0;
    if (range) {
      do parameter = randomInt(random, range.min, range.max);
      while (range.exclude?.includes(parameter));
    }
    steps.push({ operation: chosen!.name, parameter });
  }
  return steps;
}

function randomList(random: Random, minLength: number, maxLength: number): number[] {
  const length = randomInt(random, minLength, maxLength);
  const list: number[] = [];
  for (let index = 0; index < length; index++) {
    // Repeats on purpose, so deduplication and sorting matter.
    list.push(index > 0 && random() < 0.2 ? list[randomInt(random, 0, index - 1)]! : randomInt(random, -20, 50));
  }
  return list;
}

function testCode(language: CodeLanguage, cases: { input: number[]; output: number[] }[]): string {
  if (language === "python") {
    return cases
      .map(
        ({ input, output }) =>
          `assert transform(${JSON.stringify(input)}) == ${JSON.stringify(output)}, "transform(${JSON.stringify(input)}) should return ${JSON.stringify(output)}, got " + repr(transform(${JSON.stringify(input)}))`,
      )
      .join("\n");
  }
  return [
    'const assert = require("node:assert");',
    ...cases.map(
      ({ input, output }) =>
        `assert.deepStrictEqual(transform(${JSON.stringify(input)}), ${JSON.stringify(output)}, "transform(${JSON.stringify(input)}) should return ${JSON.stringify(output)}");`,
    ),
  ].join("\n");
}

function referenceSolution(language: CodeLanguage, steps: CodeStep[]): string {
  if (language === "python") {
    return [
      "def transform(numbers):",
      "    result = list(numbers)",
      ...steps.map((step) => `    ${operation(step).python(step.parameter)}`),
      "    return result",
      "",
    ].join("\n");
  }
  return [
    "function transform(numbers) {",
    "  let result = [...numbers];",
    ...steps.map((step) => `  ${operation(step).javascript(step.parameter)}`),
    "  return result;",
    "}",
    "",
  ].join("\n");
}
