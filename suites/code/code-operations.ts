// The steps a `code` task chains. Each has one fixed English sentence (so the text alone says
// what to do), a reference implementation in TypeScript that computes the expected outputs,
// and the same step in Python and JavaScript for the reference solutions.

export interface CodeOperation {
  name: string;
  /** Parameter range, when the step takes one. */
  parameter?: { min: number; max: number; exclude?: number[] };
  describe(parameter: number): string;
  apply(numbers: number[], parameter: number): number[];
  python(parameter: number): string;
  javascript(parameter: number): string;
}

export const CODE_OPERATIONS: readonly CodeOperation[] = [
  {
    name: "keep-even",
    describe: () => "Keep only the even numbers.",
    apply: (numbers) => numbers.filter((x) => x % 2 === 0),
    python: () => "result = [x for x in result if x % 2 == 0]",
    javascript: () => "result = result.filter((x) => x % 2 === 0);",
  },
  {
    name: "keep-odd",
    describe: () => "Keep only the odd numbers.",
    apply: (numbers) => numbers.filter((x) => x % 2 !== 0),
    python: () => "result = [x for x in result if x % 2 != 0]",
    javascript: () => "result = result.filter((x) => x % 2 !== 0);",
  },
  {
    name: "multiply",
    parameter: { min: 2, max: 3 },
    describe: (k) => `Multiply every number by ${k}.`,
    apply: (numbers, k) => numbers.map((x) => x * k),
    python: (k) => `result = [x * ${k} for x in result]`,
    javascript: (k) => `result = result.map((x) => x * ${k});`,
  },
  {
    name: "add",
    parameter: { min: -9, max: 9, exclude: [0] },
    describe: (k) => (k > 0 ? `Add ${k} to every number.` : `Subtract ${-k} from every number.`),
    apply: (numbers, k) => numbers.map((x) => x + k),
    python: (k) => `result = [x + (${k}) for x in result]`,
    javascript: (k) => `result = result.map((x) => x + (${k}));`,
  },
  {
    name: "drop-greater",
    parameter: { min: 0, max: 40 },
    describe: (k) => `Remove every number greater than ${k}.`,
    apply: (numbers, k) => numbers.filter((x) => x <= k),
    python: (k) => `result = [x for x in result if x <= ${k}]`,
    javascript: (k) => `result = result.filter((x) => x <= ${k});`,
  },
  {
    name: "reverse",
    describe: () => "Reverse the order of the list.",
    apply: (numbers) => [...numbers].reverse(),
    python: () => "result = result[::-1]",
    javascript: () => "result = [...result].reverse();",
  },
  {
    name: "sort-ascending",
    describe: () => "Sort the list in ascending order.",
    apply: (numbers) => [...numbers].sort((a, b) => a - b),
    python: () => "result = sorted(result)",
    javascript: () => "result = [...result].sort((a, b) => a - b);",
  },
  {
    name: "sort-descending",
    describe: () => "Sort the list in descending order.",
    apply: (numbers) => [...numbers].sort((a, b) => b - a),
    python: () => "result = sorted(result, reverse=True)",
    javascript: () => "result = [...result].sort((a, b) => b - a);",
  },
  {
    name: "deduplicate",
    describe: () => "Remove duplicates, keeping the first occurrence of each number.",
    apply: (numbers) => numbers.filter((x, index) => numbers.indexOf(x) === index),
    python: () => "result = list(dict.fromkeys(result))",
    javascript: () => "result = [...new Set(result)];",
  },
  {
    name: "even-positions",
    describe: () => "Keep only the elements at even positions (0, 2, 4, …).",
    apply: (numbers) => numbers.filter((_, index) => index % 2 === 0),
    python: () => "result = result[::2]",
    javascript: () => "result = result.filter((_, i) => i % 2 === 0);",
  },
  {
    name: "absolute",
    describe: () => "Replace every number by its absolute value.",
    apply: (numbers) => numbers.map((x) => Math.abs(x)),
    python: () => "result = [abs(x) for x in result]",
    javascript: () => "result = result.map((x) => Math.abs(x));",
  },
  {
    name: "running-total",
    describe: () => "Replace the list by its running totals (element i becomes the sum of elements 0 to i).",
    apply: (numbers) => numbers.map((_, index) => numbers.slice(0, index + 1).reduce((sum, x) => sum + x, 0)),
    python: () => "result = [sum(result[:i + 1]) for i in range(len(result))]",
    javascript: () => "result = result.map((_, i) => result.slice(0, i + 1).reduce((s, x) => s + x, 0));",
  },
  {
    name: "drop-first",
    parameter: { min: 1, max: 3 },
    describe: (k) => `Drop the first ${k} element${k === 1 ? "" : "s"} (all of them if the list is shorter).`,
    apply: (numbers, k) => numbers.slice(k),
    python: (k) => `result = result[${k}:]`,
    javascript: (k) => `result = result.slice(${k});`,
  },
  {
    name: "take-first",
    parameter: { min: 3, max: 6 },
    describe: (k) => `Keep only the first ${k} elements (all of them if the list is shorter).`,
    apply: (numbers, k) => numbers.slice(0, k),
    python: (k) => `result = result[:${k}]`,
    javascript: (k) => `result = result.slice(0, ${k});`,
  },
  {
    name: "square",
    describe: () => "Square every number.",
    apply: (numbers) => numbers.map((x) => x * x),
    python: () => "result = [x * x for x in result]",
    javascript: () => "result = result.map((x) => x * x);",
  },
];
