/** The text after the last "Answer:" marker, or the whole reply when there is none. */
export function extractFinalAnswer(text: string): string {
  const matches = [...text.matchAll(/(?:^|\n)\s*(?:final\s+)?answer\s*:\s*(.*)/gi)];
  const last = matches[matches.length - 1];
  return (last?.[1] ?? text).trim();
}

export const ANSWER_INSTRUCTION = 'End your reply with a line of the form "Answer: <your final answer>".';
