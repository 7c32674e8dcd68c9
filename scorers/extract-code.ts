import type { SandboxLanguage } from "../src/sandbox/index.js";

const LANGUAGE_TAGS: Record<SandboxLanguage, string[]> = {
  python: ["python", "py", "python3"],
  node: ["javascript", "js", "node", "nodejs", "mjs", "cjs"],
};

const FENCE = /^[ \t]*(`{3,}|~{3,})[ \t]*([\w+.-]*)[^\n]*\n([\s\S]*?)(?:\n[ \t]*\1[ \t]*(?:\n|$)|$(?![\s\S]))/gm;

/**
 * The code in an answer: the longest fenced block tagged with the language (else untagged,
 * else any tag); an unterminated fence (a cut-off reply) runs to the end. Without a fence the
 * whole answer is the code, as in HumanEval completions.
 */
export function extractCode(answer: string, language: SandboxLanguage): string {
  const blocks: { tag: string; code: string }[] = [];
  for (const match of answer.matchAll(FENCE))
    blocks.push({ tag: (match[2] ?? "").toLowerCase(), code: match[3] ?? "" });
  if (blocks.length === 0) return answer;
  const tagged = blocks.filter((block) => LANGUAGE_TAGS[language].includes(block.tag));
  const untagged = blocks.filter((block) => block.tag === "");
  const pool = tagged.length > 0 ? tagged : untagged.length > 0 ? untagged : blocks;
  return pool.reduce((longest, block) => (block.code.length > longest.code.length ? block : longest)).code;
}
