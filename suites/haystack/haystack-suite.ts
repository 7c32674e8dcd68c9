import { z } from "zod";
import type { SuiteDefinition, SuiteOptions, Task, TaskDocument } from "../../src/types.js";
import { createRandom, hashString, randomInt } from "../../src/random/seeded-random.js";
import { DocumentStore, documentTools } from "../../src/tools/document-store.js";
import { fillerSentence } from "./filler-text.js";

// Facts ("The access code for vault Ember is 4172.") buried in long report documents; the
// question needs several of them (their sum). Difficulty = total document tokens (about four
// characters a token). Tools: list_documents and read: no search, so finding the facts means
// reading, and the context a harness keeps is what matters.

export const VAULTS = [
  "Ember",
  "Birch",
  "Quartz",
  "Harrow",
  "Juniper",
  "Marlin",
  "Obsidian",
  "Pelican",
  "Saffron",
  "Tundra",
  "Willow",
  "Cobalt",
  "Falcon",
  "Granite",
  "Lantern",
  "Meadow",
  "Nimbus",
  "Orchid",
  "Raven",
  "Sable",
];

export interface HaystackOptions extends SuiteOptions {
  /** Total document tokens per task. Default 1000, 2000, 4000, 8000, 16000. */
  levels?: number[];
  /** Tasks per level. Default 4. */
  perLevel?: number;
  /** Facts the question needs. Default 3. */
  needles?: number;
  /** Tokens per document. Default 500. */
  documentTokens?: number;
}

export function haystackQuestion(vaults: string[]): string {
  const names = vaults.length === 1 ? vaults[0]! : `${vaults.slice(0, -1).join(", ")} and ${vaults[vaults.length - 1]}`;
  return `What is the sum of the access codes for the vaults named ${names}?`;
}

export function generateHaystackTask(
  seed: number,
  index: number,
  tokens: number,
  options: { needles?: number; documentTokens?: number } = {},
): Task {
  const random = createRandom(hashString(`haystack:${seed}:${index}:${tokens}`));
  const needles = options.needles ?? 3;
  const documentChars = (options.documentTokens ?? 500) * 4;
  const count = Math.max(1, Math.round((tokens * 4) / documentChars));
  const pool = [...VAULTS];
  const vaults: string[] = [];
  while (vaults.length < needles + 2 && pool.length > 0)
    vaults.push(pool.splice(randomInt(random, 0, pool.length - 1), 1)[0]!);
  const codes = vaults.map(() => randomInt(random, 1000, 9999));
  const bodies: string[][] = Array.from({ length: count }, () => {
    const sentences: string[] = [];
    for (let length = 0; length < documentChars;) {
      const sentence = fillerSentence(random);
      sentences.push(sentence);
      length += sentence.length + 1;
    }
    return sentences;
  });
  // Targets and two distractor vaults, each in a random document at a random place.
  vaults.forEach((vault, position) => {
    const body = bodies[randomInt(random, 0, count - 1)]!;
    body.splice(randomInt(random, 0, body.length), 0, `The access code for vault ${vault} is ${codes[position]}.`);
  });
  const documents: TaskDocument[] = bodies.map((body, position) => ({
    id: `report-${String(position + 1).padStart(2, "0")}`,
    title: `Operations report ${position + 1}`,
    text: body.join(" "),
  }));
  const targets = vaults.slice(0, needles);
  return {
    id: `haystack/${String(tokens).padStart(6, "0")}-${index}`,
    prompt: `${haystackQuestion(targets)} The codes are stated somewhere in the operations reports. Reply with the sum as a number.`,
    expected: codes.slice(0, needles).reduce((sum, code) => sum + code, 0),
    difficulty: tokens,
    documents,
  };
}

export const haystackSuite = {
  name: "haystack",
  description:
    "Several facts buried in long reports; the answer needs all of them; difficulty = total context tokens. Tools: list_documents, read.",
  scorer: { type: "numeric", tolerance: 0 },
  options: z.strictObject({
    levels: z.array(z.int().min(100)).min(1).optional(),
    perLevel: z.int().min(1).optional(),
    needles: z.int().min(1).max(10).optional(),
    documentTokens: z.int().min(50).optional(),
  }),
  documents: "stuff",
  tasks(options: HaystackOptions) {
    const levels = options.levels ?? [1000, 2000, 4000, 8000, 16000];
    const perLevel = options.perLevel ?? 4;
    const tasks: Task[] = [];
    for (const tokens of levels)
      for (let index = 0; index < perLevel; index++)
        tasks.push(generateHaystackTask(options.seed, index, tokens, options));
    return options.limit ? tasks.slice(0, options.limit) : tasks;
  },
  tools(task) {
    const tools = documentTools(new DocumentStore(task.documents ?? []));
    return [tools.listDocuments, tools.read];
  },
} satisfies SuiteDefinition;
