import { randomInt, type RandomSource as Random } from "../../src/random/seeded-random.js";

// Plausible, fact-free prose to bury the facts in: short report sentences from word lists.

const SUBJECTS = [
  "The committee",
  "The harbor office",
  "A visiting inspector",
  "The night crew",
  "The archive team",
  "The regional board",
  "A supplier",
  "The survey group",
];
const VERBS = ["reviewed", "postponed", "approved", "discussed", "revised", "questioned", "summarized", "circulated"];
const OBJECTS = [
  "the maintenance schedule",
  "the draft budget",
  "the shipping calendar",
  "the staffing plan",
  "the safety checklist",
  "the quarterly minutes",
  "the supply contract",
  "the lighting survey",
];
const TAILS = [
  "before the spring audit",
  "after a long debate",
  "without further comment",
  "at the request of the council",
  "during the morning session",
  "with minor changes",
  "for the second time this year",
  "pending a final vote",
];

export function fillerSentence(random: Random): string {
  const pick = (list: string[]) => list[randomInt(random, 0, list.length - 1)]!;
  return `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}.`;
}
