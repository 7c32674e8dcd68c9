import type { Scorer } from "../types.js";

/** Typed helper for custom scorers: `defineScorer({ name, score({ task, answer }) })`. */
export function defineScorer(scorer: Scorer): Scorer {
  return scorer;
}
