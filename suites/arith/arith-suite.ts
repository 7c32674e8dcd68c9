import { z } from "zod";
import type { SuiteDefinition, SuiteOptions, Task } from "../../src/types.js";
import { createRandom, hashString, randomInt, type RandomSource as Random } from "../../src/random/seeded-random.js";

// Multi-step arithmetic word problems. Difficulty = number of steps after the start value.

const NAMES = ["Maya", "Omar", "Lena", "Kenji", "Ada", "Tomas", "Priya", "Felix", "Noor", "Iris"];
const UNITS = ["marbles", "coins", "stamps", "apples", "cards", "shells", "books", "tickets"];

type Operation = { kind: "add" | "subtract" | "multiply" | "halve"; amount: number };

function nextOperation(random: Random, value: number): Operation {
  if (value > 2_000)
    return value % 2 === 0
      ? { kind: "halve", amount: 2 }
      : { kind: "subtract", amount: randomInt(random, 1, Math.min(99, value - 1)) };
  const roll = random();
  if (roll < 0.35) return { kind: "add", amount: randomInt(random, 2, 60) };
  if (roll < 0.6 && value > 3) return { kind: "subtract", amount: randomInt(random, 1, Math.min(50, value - 1)) };
  if (roll < 0.85) return { kind: "multiply", amount: randomInt(random, 2, 4) };
  if (value % 2 === 0) return { kind: "halve", amount: 2 };
  return { kind: "add", amount: randomInt(random, 2, 60) };
}

function apply(value: number, operation: Operation): number {
  switch (operation.kind) {
    case "add":
      return value + operation.amount;
    case "subtract":
      return value - operation.amount;
    case "multiply":
      return value * operation.amount;
    case "halve":
      return value / 2;
  }
}

function sentence(operation: Operation, pronoun: string, unit: string): string {
  switch (operation.kind) {
    case "add":
      return `Then ${pronoun} gets ${operation.amount} more ${unit}.`;
    case "subtract":
      return `Then ${pronoun} gives away ${operation.amount} ${unit}.`;
    case "multiply":
      return `Then the number of ${unit} is multiplied by ${operation.amount}.`;
    case "halve":
      return `Then half of the ${unit} are lost.`;
  }
}

export function generateArithTask(seed: number, index: number, steps: number): Task {
  const random = createRandom(hashString(`arith:${seed}:${index}:${steps}`));
  const name = NAMES[randomInt(random, 0, NAMES.length - 1)]!;
  const unit = UNITS[randomInt(random, 0, UNITS.length - 1)]!;
  const pronoun = index % 2 === 0 ? "she" : "he";
  let value = randomInt(random, 3, 40);
  const lines = [`${name} starts with ${value} ${unit}.`];
  for (let step = 0; step < steps; step++) {
    const operation = nextOperation(random, value);
    value = apply(value, operation);
    lines.push(sentence(operation, pronoun, unit));
  }
  lines.push(`How many ${unit} does ${name} have at the end?`);
  return {
    id: `arith/${String(steps).padStart(2, "0")}-${index}`,
    prompt: lines.join(" "),
    expected: value,
    difficulty: steps,
  };
}

export interface ArithOptions extends SuiteOptions {
  /** Tasks per difficulty level. Default 4. */
  perLevel?: number;
  /** Difficulty levels (numbers of steps). Default 1, 2, 3, 4, 6, 8, 12, 16. */
  levels?: number[];
}

export const arithSuite = {
  name: "arith",
  description: "Multi-step arithmetic word problems; difficulty = number of steps (1–16).",
  options: z.strictObject({
    perLevel: z.int().min(1).optional(),
    levels: z.array(z.int().min(1).max(64)).min(1).optional(),
  }),
  scorer: { type: "numeric", tolerance: 0 },
  documents: "none",
  tasks(options: ArithOptions) {
    const levels = options.levels ?? [1, 2, 3, 4, 6, 8, 12, 16];
    const perLevel = options.perLevel ?? 4;
    const tasks: Task[] = [];
    for (const steps of levels)
      for (let index = 0; index < perLevel; index++) tasks.push(generateArithTask(options.seed, index, steps));
    return options.limit ? tasks.slice(0, options.limit) : tasks;
  },
} satisfies SuiteDefinition;
