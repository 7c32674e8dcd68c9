import { UsageError } from "../../src/errors.js";
import type { Suite, SuiteOptions, Task } from "../../src/types.js";
import { gsm8kScorer } from "./gsm8k-scorer.js";
import { readJsonlFile, stringField } from "./read-jsonl-file.js";

const INSTRUCTION =
  "Solve the problem. Show your reasoning, then give the final answer on its own last line as `#### <number>`.";

/** GSM8K (`{question, answer}` lines): ids `gsm8k/<0-based line>`, expected = the number after `####`. */
export async function importGsm8k(file: string, _options: SuiteOptions): Promise<Suite> {
  const rows = await readJsonlFile(file);
  const tasks = rows.map((row, index): Task => {
    const solution = stringField(row, "answer", file);
    const match = /####\s*(-?[\d,]*\.?\d+)\s*$/.exec(solution.trim());
    if (!match) throw new UsageError(`${file}: line ${row.line}: answer: no final "#### <number>" line`);
    const steps = solution.split("\n").filter((line) => !line.startsWith("####")).length;
    return {
      id: `gsm8k/${index}`,
      prompt: `${stringField(row, "question", file)}\n\n${INSTRUCTION}`,
      expected: match[1]!.replace(/,/g, ""),
      difficulty: steps,
      metadata: { referenceSolution: solution },
    };
  });
  return {
    name: "gsm8k",
    description: `GSM8K from ${file}`,
    scorer: gsm8kScorer(),
    tasks,
    documents: "none",
    source: `gsm8k:${file}`,
  };
}
