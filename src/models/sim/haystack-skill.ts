import { randomInt } from "../../random/seeded-random.js";
import { asksStepByStep, type SimSkill } from "./sim-skill.js";
import { rotChance } from "./sim-profiles.js";
import {
  asksForSummary,
  callsWithResults,
  findTool,
  firstStringArgument,
  formToolCall,
  sourceAndNoteTexts,
  submitAnswer,
  unreadOffloads,
} from "./sim-tool-use.js";

// Answers "What is the sum of the access codes for the vaults named Ember, Birch and Quartz?"
// from "The access code for vault Ember is 4172." facts in its context. Each fact read is
// subject to context rot; missing facts make it delegate, read back offloaded output, or read
// documents it has not read yet (several per reply), noting what it found as it goes.

const SUM_QUESTION = /What is the sum of the access codes for the vaults named ([^?]+)\?/;
const SINGLE_QUESTION = /What is the access code for vault ([A-Z][a-z]+)\?/;
const FACT = /The access code for vault ([A-Z][a-z]+) is (\d+)\./g;

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function parseQuestion(text: string): string[] | null {
  const sum = SUM_QUESTION.exec(text);
  if (sum)
    return sum[1]!
      .split(/,\s*|\s+and\s+/)
      .map((name) => name.trim())
      .filter(Boolean);
  const single = SINGLE_QUESTION.exec(text);
  return single ? [single[1]!] : null;
}

export const haystackSkill: SimSkill = ({ request, profile, random, contextTokens }) => {
  let targets: string[] | null = null;
  for (let index = request.messages.length - 1; index >= 0 && !targets; index--) {
    const message = request.messages[index]!;
    if (message.role === "user") targets = parseQuestion(message.content);
  }
  if (!targets) return null;

  const { sources, notes } = sourceAndNoteTexts(request);
  const facts = new Map<string, number>();
  const add = (vault: string, code: number) => {
    if (!facts.has(vault)) facts.set(vault, code);
  };
  for (const text of sources) for (const match of text.matchAll(FACT)) add(match[1]!, Number(match[2]));
  const pairs = callsWithResults(request.messages);
  for (const pair of pairs) {
    if (pair.call.name !== "delegate" || pair.result === null || pair.isError) continue;
    const asked = parseQuestion(firstStringArgument(pair.call) ?? "");
    const code = /\b(\d{4})\b/.exec(pair.result);
    if (asked?.length === 1 && code) add(asked[0]!, Number(code[1]));
  }
  for (const text of notes) for (const match of text.matchAll(FACT)) add(match[1]!, Number(match[2]));

  const rot = rotChance(profile, contextTokens);
  const recalled = new Map<string, number>();
  for (const vault of targets) {
    const code = facts.get(vault);
    if (code === undefined) continue;
    recalled.set(vault, random() < rot ? code + randomInt(random, 1, 9) * 10 ** randomInt(random, 0, 2) : code);
  }
  const missing = targets.filter((vault) => !recalled.has(vault));
  const checked = new Set<string>();
  for (const pair of pairs)
    if (pair.call.name === "read" && !pair.isError) checked.add(firstStringArgument(pair.call) ?? "");
  for (const text of [...sources, ...notes])
    for (const match of text.matchAll(/Documents checked: ([^\n]*)/g))
      for (const id of match[1]!.split(/,\s*/)) checked.add(id.trim());
  // A transcript in text (a summarization request) shows calls as `Result of read({"id":"x"}): …`.
  for (const text of sources)
    for (const match of text.matchAll(/Result of read\((\{[^\n]*?\})\): /g))
      checked.add(firstStringArgument({ id: "", name: "read", arguments: parseObject(match[1]!) }) ?? "");
  const noteText = [...recalled].map(([vault, code]) => `The access code for vault ${vault} is ${code}.`).join(" ");

  // Document ids it knows of: a listing in view, or its own "Still to check:" notes.
  const known = [...sources.join("\n").matchAll(/^\[([^\]]+)\] .*\(\d+ chars\)$/gm)].map((match) => match[1]!);
  for (const text of [...sources, ...notes])
    for (const match of text.matchAll(/Still to check: ([^\n]*)/g))
      known.push(...match[1]!.split(/,\s*/).map((id) => id.trim().replace(/\.$/, "")));
  const unread = [...new Set(known)].filter((id) => id && !checked.has(id));
  const todo = unread.length ? `\nStill to check: ${unread.join(", ")}` : "";

  if (asksForSummary(request)) {
    return {
      text: `${noteText} Documents checked: ${[...checked].filter(Boolean).join(", ")}\nStill missing: ${missing.join(", ") || "nothing"}.${todo}`.trim(),
    };
  }
  const answer = () => {
    // Adding n numbers is n - 1 steps.
    const reliable = asksStepByStep(request) ? profile.reliableSteps * 2 : profile.reliableSteps;
    let total = 0;
    targets.forEach((vault, index) => {
      total += recalled.get(vault) ?? 0;
      if (index > 0 && random() < (index - 1 < reliable ? profile.stepError : profile.overloadError))
        total += randomInt(random, 1, 9) * 10;
    });
    return submitAnswer(String(total), noteText ? `Noted: ${noteText}` : "", { request, profile, random });
  };
  if (missing.length === 0) return answer();

  const text = `${noteText ? `Noted: ${noteText} ` : ""}Still looking for: ${missing.join(", ")}.${todo}`;
  const many = (spec: NonNullable<ReturnType<typeof findTool>>, values: string[]) => ({
    text,
    toolCalls: values
      .slice(0, profile.parallelToolCalls)
      .map((value, index) => formToolCall(spec, value, { request, profile, random, index })),
  });
  const delegate = findTool(request, "delegate");
  if (delegate)
    return many(
      delegate,
      missing.map((vault) => `What is the access code for vault ${vault}? Reply with the number.`),
    );
  const readFile = findTool(request, "read_file");
  const offloads = unreadOffloads(request);
  if (readFile && offloads.length > 0) return many(readFile, offloads);
  const read = findTool(request, "read");
  const list = findTool(request, "list_documents");
  if (read) {
    // No document ids in view (never listed, or the listing was cleared): list them.
    if (known.length === 0 && list)
      return { text, toolCalls: [formToolCall(list, null, { request, profile, random, index: 0 })] };
    if (unread.length > 0) return many(read, unread);
  }
  return answer();
};
