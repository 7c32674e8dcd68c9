// Okapi BM25 over a small in-memory corpus. Parameters are the usual defaults (k1 1.2, b 0.75).

const K1 = 1.2;
const B = 0.75;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export interface Bm25Hit {
  index: number;
  score: number;
}

export class Bm25Index {
  private readonly termCounts: Array<Map<string, number>>;
  private readonly lengths: number[];
  private readonly documentFrequency = new Map<string, number>();
  private readonly averageLength: number;

  constructor(texts: string[]) {
    this.termCounts = texts.map((text) => {
      const counts = new Map<string, number>();
      for (const term of tokenize(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const term of counts.keys()) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      return counts;
    });
    this.lengths = this.termCounts.map((counts) => [...counts.values()].reduce((sum, count) => sum + count, 0));
    this.averageLength = this.lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, this.lengths.length);
  }

  /** Inverse document frequency, the BM25 variant that stays positive. */
  idf(term: string): number {
    const total = this.termCounts.length;
    const frequency = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5));
  }

  scoreOf(index: number, queryTerms: string[]): number {
    const counts = this.termCounts[index];
    if (!counts) return 0;
    const length = this.lengths[index] ?? 0;
    let score = 0;
    for (const term of new Set(queryTerms)) {
      const frequency = counts.get(term) ?? 0;
      if (frequency === 0) continue;
      score +=
        (this.idf(term) * frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * length) / (this.averageLength || 1)));
    }
    return score;
  }

  /** Best documents first; only documents that share a term with the query. Ties keep corpus order. */
  search(query: string, limit: number): Bm25Hit[] {
    const terms = tokenize(query);
    const hits: Bm25Hit[] = [];
    for (let index = 0; index < this.termCounts.length; index++) {
      const score = this.scoreOf(index, terms);
      if (score > 0) hits.push({ index, score });
    }
    hits.sort((left, right) => right.score - left.score || left.index - right.index);
    return hits.slice(0, limit);
  }
}
