export interface NormalizeOptions {
  caseSensitive?: boolean;
  trim?: boolean;
  collapseWhitespace?: boolean;
  stripPunctuation?: boolean;
}

export function normalizeText(text: string, options: NormalizeOptions = {}): string {
  let result = text;
  if (!options.caseSensitive) result = result.toLowerCase();
  if (options.stripPunctuation) result = result.replace(/[\p{P}\p{S}]/gu, "");
  if (options.collapseWhitespace ?? true) result = result.replace(/\s+/g, " ");
  if (options.trim ?? true) result = result.trim();
  return result;
}

/** The expected values of a task: a list means any of them is accepted. */
export function expectedList(expected: unknown): string[] {
  if (Array.isArray(expected)) return expected.map((value) => String(value));
  if (expected === undefined || expected === null) return [];
  return [String(expected)];
}

export function clip(text: string, length = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}
