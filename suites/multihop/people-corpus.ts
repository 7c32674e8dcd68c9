import { randomInt, type RandomSource as Random } from "../../src/random/seeded-random.js";

// A small world of people for multihop questions: every person has one of each relation,
// all pointing at other people in the same corpus, so a chain can run through any of them.

export const RELATIONS = ["mentor", "rival", "partner", "neighbor"] as const;
export type Relation = (typeof RELATIONS)[number];

const FIRST_NAMES = [
  "Alvar",
  "Brisa",
  "Corin",
  "Dalia",
  "Edric",
  "Fenna",
  "Garan",
  "Hollis",
  "Ilse",
  "Joran",
  "Kesia",
  "Lorcan",
  "Mirela",
  "Nestor",
  "Odile",
  "Perrin",
  "Quilla",
  "Rowan",
  "Sabine",
  "Tavish",
  "Ulla",
  "Vesna",
  "Wendel",
  "Xenia",
  "Yorick",
  "Zelda",
  "Ansel",
  "Beatrix",
  "Cyprian",
  "Delphine",
];
const LAST_NAMES = [
  "Abernath",
  "Brockway",
  "Calloway",
  "Dunmore",
  "Ellery",
  "Fairbank",
  "Galloway",
  "Hartwell",
  "Ingram",
  "Jessop",
  "Kendrick",
  "Lockhart",
  "Marlowe",
  "Northcott",
  "Oakley",
  "Pennant",
  "Quarrie",
  "Redfern",
  "Stanhope",
  "Thackery",
  "Underhill",
  "Vance",
  "Whitlock",
  "Yardley",
  "Zouche",
  "Ashdown",
  "Blackwood",
  "Cresswell",
  "Drummond",
  "Eastwick",
];
const OCCUPATIONS = [
  "glassblower",
  "cartographer",
  "beekeeper",
  "luthier",
  "archivist",
  "ferrier",
  "botanist",
  "clockmaker",
  "weaver",
  "surveyor",
];
const TOWNS = [
  "Tarrow",
  "Illsby",
  "Quenmoor",
  "Brantwick",
  "Orlen",
  "Fallowmere",
  "Kestry",
  "Marrowdale",
  "Sennick",
  "Wyndle",
];
const FILLER = [
  "{name} keeps a small garden and writes long letters in the winter.",
  "Colleagues describe {name} as patient, exact and slow to anger.",
  "{name} once spent a year travelling the northern coast.",
  "In {town}, {name} is known for hosting an annual supper.",
  "{name} collects old maps and rarely throws anything away.",
];

export interface Person {
  name: string;
  occupation: string;
  town: string;
  relations: Record<Relation, string>;
}

export function makePeople(random: Random, count: number): Person[] {
  const names = new Set<string>();
  while (names.size < count) {
    names.add(
      `${FIRST_NAMES[randomInt(random, 0, FIRST_NAMES.length - 1)]} ${LAST_NAMES[randomInt(random, 0, LAST_NAMES.length - 1)]}`,
    );
  }
  const list = [...names];
  const other = (self: number) => {
    const pick = randomInt(random, 0, list.length - 2);
    return list[pick >= self ? pick + 1 : pick]!;
  };
  return list.map((name, index) => ({
    name,
    occupation: OCCUPATIONS[randomInt(random, 0, OCCUPATIONS.length - 1)]!,
    town: TOWNS[randomInt(random, 0, TOWNS.length - 1)]!,
    relations: Object.fromEntries(RELATIONS.map((relation) => [relation, other(index)])) as Record<Relation, string>,
  }));
}

/** The person's document: who they are, their relations as "X's mentor is Y." sentences, some filler. */
export function personText(person: Person, random: Random): string {
  const sentences = [`${person.name} is a ${person.occupation} from ${person.town}.`];
  for (const relation of RELATIONS) sentences.push(`${person.name}'s ${relation} is ${person.relations[relation]}.`);
  const filler = FILLER[randomInt(random, 0, FILLER.length - 1)]!;
  sentences.splice(
    randomInt(random, 1, sentences.length),
    0,
    filler.replaceAll("{name}", person.name).replaceAll("{town}", person.town),
  );
  return sentences.join(" ");
}
