import { UsageError } from "../../src/errors.js";

export const EXEC_PREFIX = "exec:";

/**
 * `exec:python3 agents/agent.py --fast` → the command as an argument list. Words split on
 * spaces; '…' and "…" quote, a backslash escapes the next character. No shell: no variables,
 * globs or pipes. The label (what results carry) is the reference as written.
 */
export function parseExecRef(ref: string): { name: string; command: string[] } {
  const trimmed = ref.trim();
  if (!trimmed.startsWith(EXEC_PREFIX)) throw new UsageError(`harness "${ref}": an exec harness starts with "exec:"`);
  const words: string[] = [];
  let current: string | null = null;
  let quote: '"' | "'" | null = null;
  const text = trimmed.slice(EXEC_PREFIX.length);
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quote) {
      if (character === quote) quote = null;
      else if (character === "\\" && quote === '"' && index + 1 < text.length) current += text[++index]!;
      else current += character;
    } else if (character === '"' || character === "'") {
      quote = character;
      current ??= "";
    } else if (character === "\\" && index + 1 < text.length) current = (current ?? "") + text[++index]!;
    else if (/\s/.test(character)) {
      if (current !== null) words.push(current);
      current = null;
    } else current = (current ?? "") + character;
  }
  if (quote) throw new UsageError(`harness "${ref}": unclosed ${quote} quote`);
  if (current !== null) words.push(current);
  if (words.length === 0)
    throw new UsageError(`harness "${ref}": give a command after "exec:", e.g. exec:python3 agent.py`);
  return { name: trimmed, command: words };
}
