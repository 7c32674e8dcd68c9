/** Edit distance (insertions, deletions, substitutions, adjacent swaps), small strings only. */
function distance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: cols }, (_, col) => (row === 0 ? col : col === 0 ? row : 0)),
  );
  for (let row = 1; row < rows; row++) {
    for (let col = 1; col < cols; col++) {
      const cost = a[row - 1] === b[col - 1] ? 0 : 1;
      let best = Math.min(table[row - 1]![col]! + 1, table[row]![col - 1]! + 1, table[row - 1]![col - 1]! + cost);
      if (row > 1 && col > 1 && a[row - 1] === b[col - 2] && a[row - 2] === b[col - 1])
        best = Math.min(best, table[row - 2]![col - 2]! + 1);
      table[row]![col] = best;
    }
  }
  return table[rows - 1]![cols - 1]!;
}

/** The known name closest to `input`, when it is close enough to be a likely typo. */
export function closestName(input: string, known: Iterable<string>): string | null {
  const lower = input.toLowerCase();
  let best: { name: string; score: number } | null = null;
  for (const name of known) {
    const score = distance(lower, name.toLowerCase());
    if (score < (best?.score ?? Infinity)) best = { name, score };
  }
  if (!best) return null;
  const allowed = Math.max(1, Math.floor(Math.max(input.length, best.name.length) / 3));
  return best.score <= allowed ? best.name : null;
}

/** ` Did you mean "x"?` or an empty string. */
export function didYouMean(input: string, known: Iterable<string>): string {
  const suggestion = closestName(input, known);
  return suggestion ? ` Did you mean "${suggestion}"?` : "";
}
