/**
 * Splits on commas that are not inside square brackets: `prompt,workflow[k=3,read=1]` →
 * `prompt`, `workflow[k=3,read=1]`. Items are trimmed; empty ones dropped.
 */
export function splitOutsideBrackets(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === "[") depth++;
    else if (char === "]") depth = Math.max(0, depth - 1);
    else if (char === "," && depth === 0) {
      items.push(text.slice(start, index));
      start = index + 1;
    }
  }
  items.push(text.slice(start));
  return items.map((item) => item.trim()).filter(Boolean);
}
