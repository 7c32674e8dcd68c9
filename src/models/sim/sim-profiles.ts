import type { Tier } from "../../types.js";

/** What a simulated model can do. The numbers set the shape of the ladder, not any real model. */
export interface SimProfile {
  tier: Tier;
  /** Reasoning steps carried out reliably in one reply. */
  reliableSteps: number;
  /** Chance of an error on each step within the reliable range. */
  stepError: number;
  /** Chance of an error on each step past the reliable range. */
  overloadError: number;
  /** Chance that a needed tool call is formed correctly. */
  toolReliability: number;
  /** Effective context window in tokens; accuracy decays past it (context rot). */
  contextWindow: number;
  /** Independent tool calls it issues in one reply when it needs several. */
  parallelToolCalls: number;
}

export const SIM_PROFILES: Record<Tier, SimProfile> = {
  low: {
    tier: "low",
    reliableSteps: 2,
    stepError: 0.04,
    overloadError: 0.3,
    toolReliability: 0.75,
    contextWindow: 2_000,
    parallelToolCalls: 2,
  },
  mid: {
    tier: "mid",
    reliableSteps: 5,
    stepError: 0.02,
    overloadError: 0.2,
    toolReliability: 0.9,
    contextWindow: 8_000,
    parallelToolCalls: 3,
  },
  frontier: {
    tier: "frontier",
    reliableSteps: 12,
    stepError: 0.005,
    overloadError: 0.1,
    toolReliability: 0.98,
    contextWindow: 64_000,
    parallelToolCalls: 4,
  },
};

/** Rough token count (about four characters a token), the same rule for every simulated model. */
/**
 * Chance of misreading one fact held in a context of `contextTokens` (context rot): none
 * inside the effective window, then the share of the context that lies beyond it.
 */
export function rotChance(profile: SimProfile, contextTokens: number): number {
  return contextTokens <= profile.contextWindow ? 0 : 1 - profile.contextWindow / contextTokens;
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
