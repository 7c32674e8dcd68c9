import { randomInt, type RandomSource as Random } from "../../random/seeded-random.js";
import { asksStepByStep, type SimSkill } from "./sim-skill.js";
import { rotChance } from "./sim-profiles.js";
import {
  asksForQuery,
  asksForSummary,
  callsWithResults,
  findTool,
  firstStringArgument,
  formToolCall,
  sourceAndNoteTexts,
  submitAnswer,
  unreadOffloads,
} from "./sim-tool-use.js";

// Answers "Who is the rival of the mentor of Alvar Benn?" from the facts in its context
// ("Alvar Benn's mentor is Corin Dale."). Each hop is a reasoning step with the profile's
// error, each fact read is subject to context rot; a missing fact makes it use a tool
// (delegate, search, read, read_file) if it has one, or guess.

const NAME = "[A-Z][a-z]+ [A-Z][a-z]+";
const QUESTION = new RegExp(`Who is ((?:the [a-z]+ of )+)(${NAME})\\?`);
const FACT = new RegExp(`(${NAME})'s ([a-z]+) is (${NAME})\\.`, "g");
const NAME_ONLY = new RegExp(NAME);

export function parseMultihopQuestion(text: string): { start: string; relations: string[] } | null {
  const match = QUESTION.exec(text);
  if (!match) return null;
  const relations = [...match[1]!.matchAll(/the ([a-z]+) of /g)].map((part) => part[1]!).reverse();
  return { start: match[2]!, relations };
}

function knownFacts(request: Parameters<SimSkill>[0]["request"]): Map<string, string> {
  const facts = new Map<string, string>();
  const add = (key: string, value: string) => {
    if (!facts.has(key)) facts.set(key, value);
  };
  const { sources, notes } = sourceAndNoteTexts(request);
  for (const text of sources) for (const match of text.matchAll(FACT)) add(`${match[1]}|${match[2]}`, match[3]!);
  for (const pair of callsWithResults(request.messages)) {
    if (pair.call.name !== "delegate" || pair.result === null || pair.isError) continue;
    const question = parseMultihopQuestion(firstStringArgument(pair.call) ?? "");
    const answer = NAME_ONLY.exec(pair.result);
    if (question?.relations.length === 1 && answer) add(`${question.start}|${question.relations[0]}`, answer[0]);
  }
  // Its own notes count, but what the sources say wins.
  for (const text of notes) for (const match of text.matchAll(FACT)) add(`${match[1]}|${match[2]}`, match[3]!);
  return facts;
}

function otherName(names: string[], correct: string, random: Random): string {
  const others = names.filter((name) => name !== correct);
  return others.length ? others[randomInt(random, 0, others.length - 1)]! : correct;
}

export const multihopSkill: SimSkill = ({ request, profile, random, contextTokens }) => {
  let question = null;
  for (let index = request.messages.length - 1; index >= 0 && !question; index--) {
    const message = request.messages[index]!;
    if (message.role === "user") question = parseMultihopQuestion(message.content);
  }
  if (!question) return null;

  const facts = knownFacts(request);
  const names = [...new Set(facts.values())];
  const rot = rotChance(profile, contextTokens);
  const reliable = asksStepByStep(request) ? profile.reliableSteps * 2 : profile.reliableSteps;
  const derived: string[] = [];
  let entity = question.start;
  let missing: string | null = null;
  for (const [hop, relation] of question.relations.entries()) {
    const value = facts.get(`${entity}|${relation}`);
    if (!value) {
      missing = relation;
      break;
    }
    const stepError = hop < reliable ? profile.stepError : profile.overloadError;
    const misread = random() < rot;
    const next = misread || random() < stepError ? otherName(names, value, random) : value;
    derived.push(`${entity}'s ${relation} is ${next}.`);
    entity = next;
  }
  const notes = derived.length ? `Known so far: ${derived.join(" ")}` : "";

  if (asksForSummary(request))
    return {
      text: `${notes}${missing ? ` Still needed: ${entity}'s ${missing}.` : ""}`.trim() || "Nothing found yet.",
    };
  if (asksForQuery(request)) return { text: `Query: ${missing ? `${entity} ${missing}` : entity}` };
  if (!missing) return submitAnswer(entity, notes, { request, profile, random });

  const call = { request, profile, random, index: 0 };
  const next = `${notes}${notes ? " " : ""}Next I need ${entity}'s ${missing}.`;
  const delegate = findTool(request, "delegate");
  if (delegate)
    return {
      text: next,
      toolCalls: [formToolCall(delegate, `Who is the ${missing} of ${entity}? Give the person's full name.`, call)],
    };
  const readFile = findTool(request, "read_file");
  const offloads = unreadOffloads(request);
  if (readFile && offloads.length > 0) return { text: next, toolCalls: [formToolCall(readFile, offloads[0]!, call)] };
  const search = findTool(request, "search");
  const read = findTool(request, "read");
  const pairs = callsWithResults(request.messages);
  if (search) {
    const query = `${entity} ${missing}`;
    const searched = pairs.some(
      (pair) => pair.call.name === "search" && !pair.isError && firstStringArgument(pair.call) === query,
    );
    if (!searched) return { text: next, toolCalls: [formToolCall(search, query, call)] };
    if (read) {
      const listed = new RegExp(`\\[([^\\]]+)\\] ${entity}:`).exec(sourceAndNoteTexts(request).sources.join("\n"));
      const alreadyRead = pairs.some(
        (pair) => pair.call.name === "read" && !pair.isError && firstStringArgument(pair.call) === listed?.[1],
      );
      if (listed && !alreadyRead) return { text: next, toolCalls: [formToolCall(read, listed[1]!, call)] };
    }
  }
  // Nothing left to look up: a best guess.
  return submitAnswer(entity, notes, { request, profile, random });
};
