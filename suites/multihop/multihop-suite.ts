import { z } from "zod";
import type { SuiteDefinition, SuiteOptions, Task } from "../../src/types.js";
import { createRandom, hashString, randomInt } from "../../src/random/seeded-random.js";
import { DocumentStore, documentTools } from "../../src/tools/document-store.js";
import { makePeople, personText, RELATIONS, type Relation } from "./people-corpus.js";

// Questions that need a chain of lookups through a corpus of people: "Who is the rival of
// the mentor of Alvar Benn?" Difficulty = hops (1–8). Each task has its own corpus: the
// people on the chain plus distractors who share the same relations and name parts.

export interface MultihopOptions extends SuiteOptions {
  /** Hop counts. Default 1, 2, 3, 4, 6, 8. */
  levels?: number[];
  /** Tasks per level. Default 4. */
  perLevel?: number;
  /** Documents besides the chain. Default 10 + 4 × hops. */
  distractors?: number;
}

/** The question for a chain of relations, first hop first. */
export function multihopQuestion(start: string, relations: Relation[]): string {
  const path = [...relations]
    .reverse()
    .map((relation) => `the ${relation}`)
    .join(" of ");
  return `Who is ${path} of ${start}?`;
}

export function generateMultihopTask(seed: number, index: number, hops: number, distractors?: number): Task {
  const random = createRandom(hashString(`multihop:${seed}:${index}:${hops}`));
  const people = makePeople(random, hops + 1 + (distractors ?? 10 + 4 * hops));
  const byName = new Map(people.map((person) => [person.name, person]));
  // Walk the relation graph from a random start; avoid revisiting so no hop is a shortcut.
  let start = people[randomInt(random, 0, people.length - 1)]!;
  const relations: Relation[] = [];
  const visited = [start.name];
  let current = start;
  for (let attempt = 0; relations.length < hops && attempt < 200; attempt++) {
    const relation = RELATIONS[randomInt(random, 0, RELATIONS.length - 1)]!;
    const next = byName.get(current.relations[relation])!;
    if (visited.includes(next.name)) {
      if (attempt % 20 === 19) {
        start = people[randomInt(random, 0, people.length - 1)]!;
        current = start;
        relations.length = 0;
        visited.splice(0, visited.length, start.name);
      }
      continue;
    }
    relations.push(relation);
    visited.push(next.name);
    current = next;
  }
  const documents = people.map((person, position) => ({
    id: `doc-${String(position + 1).padStart(3, "0")}`,
    title: person.name,
    text: personText(person, random),
  }));
  return {
    id: `multihop/${String(hops).padStart(2, "0")}-${index}`,
    prompt: `${multihopQuestion(start.name, relations)} Give the person's full name.`,
    expected: current.name,
    difficulty: relations.length,
    documents,
    metadata: { chain: visited, relations },
  };
}

export const multihopSuite = {
  name: "multihop",
  description:
    "Chains of 1–8 lookups through a corpus of people with distractors; exact-match name; tools: search, read.",
  scorer: { type: "exact", stripPunctuation: true },
  options: z.strictObject({
    levels: z.array(z.int().min(1).max(8)).min(1).optional(),
    perLevel: z.int().min(1).optional(),
    distractors: z.int().min(0).optional(),
  }),
  documents: "stuff",
  tasks(options: MultihopOptions) {
    const levels = options.levels ?? [1, 2, 3, 4, 6, 8];
    const perLevel = options.perLevel ?? 4;
    const tasks: Task[] = [];
    for (const hops of levels)
      for (let index = 0; index < perLevel; index++)
        tasks.push(generateMultihopTask(options.seed, index, hops, options.distractors));
    return options.limit ? tasks.slice(0, options.limit) : tasks;
  },
  tools(task) {
    const tools = documentTools(new DocumentStore(task.documents ?? []));
    return [tools.search, tools.read];
  },
} satisfies SuiteDefinition;
