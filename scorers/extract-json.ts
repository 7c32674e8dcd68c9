// Finds the JSON value in a model's answer: the whole answer, else a fenced block (```json
// first, then any fence), else the first balanced {...} or [...] in the text that parses.

export type ExtractedJson = { found: true; value: unknown; from: "answer" | "fence" | "embedded" } | { found: false };

const MAX_EMBEDDED_ATTEMPTS = 200;

export function extractJson(answer: string): ExtractedJson {
  const whole = tryParse(answer.trim());
  if (whole.ok) return { found: true, value: whole.value, from: "answer" };
  const fences = [...answer.matchAll(/```[ \t]*([\w-]*)[^\n]*\n([\s\S]*?)```/g)];
  const ordered = [
    ...fences.filter((fence) => fence[1]!.toLowerCase() === "json"),
    ...fences.filter((fence) => fence[1]!.toLowerCase() !== "json"),
  ];
  for (const fence of ordered) {
    const parsed = tryParse(fence[2]!.trim());
    if (parsed.ok) return { found: true, value: parsed.value, from: "fence" };
  }
  let attempts = 0;
  for (let start = 0; start < answer.length && attempts < MAX_EMBEDDED_ATTEMPTS; start++) {
    const character = answer[start];
    if (character !== "{" && character !== "[") continue;
    attempts++;
    const end = matchingClose(answer, start);
    if (end < 0) continue;
    const parsed = tryParse(answer.slice(start, end + 1));
    if (parsed.ok) return { found: true, value: parsed.value, from: "embedded" };
  }
  return { found: false };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === "") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Index of the bracket closing the one at `start`, skipping brackets inside strings; -1 if none. */
function matchingClose(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const character = text[index]!;
    if (inString) {
      if (character === "\\") index++;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if (character === "{") stack.push("}");
    else if (character === "[") stack.push("]");
    else if (character === "}" || character === "]") {
      if (stack.pop() !== character) return -1;
      if (stack.length === 0) return index;
    }
  }
  return -1;
}
