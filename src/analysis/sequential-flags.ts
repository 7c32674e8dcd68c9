// One look of an adaptive run at its flag tests (docs/statistics.md §12). The family is the
// design's: every flag test it can make, m of them, gated ones included. Error control is
// Holm's procedure carried through the looks as a graphical procedure (Maurer & Bretz 2013;
// Tamhane, Xi & Gou 2021): each test not yet raised holds alpha ÷ (m − tests raised so far) and spends it
// over the looks with the O'Brien–Fleming-type function; a raised test's share passes to the
// others, at the same look. A test is settled for "no flag" only by futility, which is
// non-binding (it never raises a flag, so it cannot add false ones): the data exclude the claim
// by a practical amount, or the flag cannot plausibly be reached by the planned size
// (predictive power, Spiegelhalter, Freedman & Blackburn 1986).
import { normalCdf } from "./distributions.js";
import type { FlagCandidate, ClaimPart } from "./flag-candidates.js";
import type { SequentialVerdict } from "./detect-flags.js";
import { formatPercent } from "./format-numbers.js";
import { lookFractions, type AdaptiveDesign, type TestSlot } from "./adaptive-design.js";
import { normalQuantile } from "./normal-quantile.js";
import { pairedTest } from "./paired-test.js";
import { nominalLevels } from "./sequential-boundary.js";
import type { FlagVerdict, SequentialDecision } from "./summary-types.js";

/** Futility: stop when the predictive power of crossing the final boundary is below this. */
export const FUTILITY_PREDICTIVE_POWER = 0.05;

export interface SlotStatus {
  slot: TestSlot;
  /** `open`: examined, unsettled, holds its cells; `waiting`: not examinable at the last look (no data, or a gate closed). */
  state: "waiting" | "open" | "settled";
  decision: SequentialDecision | null;
  verdict: FlagVerdict | null;
  /** In the family the error is held over: every test but a gated one whose gate was closed at the first look. */
  inFamily: boolean;
}

export interface SequentialState {
  design: AdaptiveDesign;
  alpha: number;
  scoreMargin: number;
  /** Futility threshold on the predictive power (default FUTILITY_PREDICTIVE_POWER). */
  futilityPower: number;
  slots: Map<string, SlotStatus>;
}

export function createSequentialState(
  design: AdaptiveDesign,
  thresholds: { alpha: number; scoreMargin: number },
  futilityPower = FUTILITY_PREDICTIVE_POWER,
): SequentialState {
  return {
    design,
    alpha: thresholds.alpha,
    scoreMargin: thresholds.scoreMargin,
    futilityPower,
    slots: new Map(
      design.slots.map((slot) => [
        slot.key,
        { slot, state: "waiting", decision: null, verdict: null, inFamily: true } as SlotStatus,
      ]),
    ),
  };
}

/** The tests the family-wise error is held over. */
export function familySize(state: SequentialState): number {
  let size = 0;
  for (const status of state.slots.values()) if (status.inFamily) size++;
  return size;
}

/** Tests that still hold their cells: examined and unsettled, or ungated and waiting for data. */
export function holdsCells(status: SlotStatus): boolean {
  return status.state === "open" || (status.state === "waiting" && !status.slot.gated);
}

/** Every test settled (or gated and waiting, which holds no cell). */
export function allSettled(state: SequentialState): boolean {
  return [...state.slots.values()].every((status) => !holdsCells(status));
}

/**
 * Look `look` (1-based) at the candidates computed on the data so far. `cellsRan(slot)` says
 * whether every cell the test reads ran every round so far. Returns the verdict of each test
 * examined at this look (for its sentence), keyed by slot.
 */
export function lookAtFlags(
  state: SequentialState,
  look: number,
  candidates: readonly FlagCandidate[],
  cellsRan: (slot: TestSlot) => boolean,
): Map<string, SequentialVerdict> {
  const { design, alpha } = state;
  const looks = design.rounds;
  const final = look === looks;
  const byKey = new Map(candidates.map((candidate) => [slotKeyOf(candidate), candidate]));
  // The family is fixed at the first look: a gated test (ceiling, dominated) whose gate — not a
  // score comparison — is closed on the first round's data is not made, as the fixed-size
  // analysis does not make a test whose gate is closed.
  if (look === 1)
    for (const status of state.slots.values())
      if (status.slot.gated && !byKey.has(status.slot.key)) {
        status.inFamily = false;
        settle(status, null, {
          outcome: "not-made",
          look,
          looks,
          informationFraction: lookFractions(design, status.slot.suite)[0]!,
          pValue: null,
          boundary: null,
          alpha: null,
          predictivePower: null,
          reason: "not made: its gate was closed at the first look",
          early: looks > 1,
        });
      }
  const family = familySize(state);
  const examined: { status: SlotStatus; candidate: FlagCandidate; fractions: number[] }[] = [];
  for (const status of state.slots.values()) {
    if (status.state === "settled") continue;
    const candidate = byKey.get(status.slot.key);
    const ran = cellsRan(status.slot);
    if (!candidate || !ran) {
      status.state = "waiting";
      if (final || (!ran && status.slot.gated))
        settle(status, null, {
          outcome: "not-made",
          look,
          looks,
          informationFraction: lookFractions(design, status.slot.suite)[look - 1]!,
          pValue: null,
          boundary: null,
          alpha: null,
          predictivePower: null,
          reason: !ran
            ? "not made: the cells it reads stopped while its gate was closed"
            : status.slot.gated
              ? "not made: its gate never opened"
              : "not made: no scored samples at one of the tiers it compares",
          early: look < looks,
        });
      continue;
    }
    status.state = "open";
    examined.push({ status, candidate, fractions: lookFractions(design, status.slot.suite) });
  }

  const raised = () => [...state.slots.values()].filter((status) => status.decision?.outcome === "flag").length;
  const share = () => alpha / Math.max(1, family - raised());
  const verdicts = new Map<string, SequentialVerdict>();
  // Efficacy, Holm-style: a raised test's alpha passes to the rest, which are tested again.
  for (let changed = true; changed;) {
    changed = false;
    for (const entry of examined) {
      if (entry.status.state === "settled") continue;
      const held = share();
      const boundary = nominalLevels(held, entry.fractions)[look - 1]!;
      if (entry.candidate.pValue > boundary) continue;
      const decision = baseDecision(entry, look, looks, held, boundary, null);
      settle(entry.status, "flag", {
        ...decision,
        outcome: "flag",
        reason: `its boundary was crossed at look ${look} of ${looks}: ${formatSmall(entry.candidate.pValue)} ≤ ${formatSmall(boundary)}`,
      });
      verdicts.set(entry.status.slot.key, {
        verdict: "flag",
        pAdjusted: onAlphaScale(entry.candidate.pValue, boundary, alpha),
        sure: `settled at look ${look} of ${looks} (${formatPercent(decision.informationFraction)} of the tasks): p=${formatSmall(entry.candidate.pValue)} ≤ boundary ${formatSmall(boundary)}, O'Brien–Fleming spending of α ${formatSmall(held)} (Holm over ${family} flag tests)`,
        decision: entry.status.decision!,
      });
      changed = true;
    }
  }

  const excludedLevel = alpha / Math.max(1, family);
  for (const entry of examined) {
    if (entry.status.state === "settled") continue;
    const held = share();
    const levels = nominalLevels(held, entry.fractions);
    const boundary = levels[look - 1]!;
    const pointsTo = estimateVerdict(entry.candidate, state.scoreMargin);
    const p = entry.candidate.pValue;
    if (final) {
      const decision = baseDecision(entry, look, looks, held, boundary, null);
      settle(entry.status, pointsTo, {
        ...decision,
        outcome: "final",
        reason: `planned size reached: p=${formatSmall(p)} > boundary ${formatSmall(boundary)}`,
      });
      verdicts.set(entry.status.slot.key, {
        verdict: pointsTo,
        pAdjusted: onAlphaScale(p, boundary, alpha),
        sure: `p=${formatSmall(p)} > boundary ${formatSmall(boundary)} at the planned size (look ${look} of ${looks}, Holm over ${family} flag tests)`,
        decision: entry.status.decision!,
      });
      continue;
    }
    const contradicted = excludedPart(entry.candidate, state.scoreMargin, excludedLevel);
    if (contradicted) {
      const decision = baseDecision(entry, look, looks, held, boundary, null);
      settle(entry.status, "not-supported", {
        ...decision,
        outcome: "excluded",
        reason: `the data exclude the claim at look ${look} of ${looks}: ${contradicted}`,
      });
      verdicts.set(entry.status.slot.key, {
        verdict: "not-supported",
        pAdjusted: onAlphaScale(p, boundary, alpha),
        sure: `stopped at look ${look} of ${looks}: the data exclude it (${contradicted})`,
        decision: entry.status.decision!,
      });
      continue;
    }
    const power = predictivePower(entry.candidate, levels[levels.length - 1]!, entry.fractions[look - 1]!);
    if (power < state.futilityPower) {
      const decision = baseDecision(entry, look, looks, held, boundary, power);
      settle(entry.status, pointsTo, {
        ...decision,
        outcome: "futile",
        reason: `futile at look ${look} of ${looks}: ${formatPower(power)} predictive power of reaching its boundary by the planned size`,
      });
      verdicts.set(entry.status.slot.key, {
        verdict: pointsTo,
        pAdjusted: onAlphaScale(p, boundary, alpha),
        sure: `stopped at look ${look} of ${looks}: ${formatPower(power)} predictive power of reaching its boundary by the planned size (p=${formatSmall(p)} now)`,
        decision: entry.status.decision!,
      });
      continue;
    }
    // Still open: its interim verdict, for a run that ends here (interrupted, budget).
    entry.status.decision = {
      ...baseDecision(entry, look, looks, held, boundary, power),
      outcome: "open",
      reason: `not settled at look ${look} of ${looks}`,
    };
    verdicts.set(entry.status.slot.key, {
      verdict: pointsTo,
      pAdjusted: onAlphaScale(p, boundary, alpha),
      sure: `not settled: p=${formatSmall(p)} at look ${look} of ${looks} (boundary ${formatSmall(boundary)})`,
      decision: entry.status.decision,
    });
  }
  return verdicts;
}

function slotKeyOf(candidate: FlagCandidate): string {
  return `${candidate.kind}\u0000${candidate.suite}\u0000${candidate.harness}`;
}

function settle(status: SlotStatus, verdict: FlagVerdict | null, decision: SequentialDecision): void {
  status.state = "settled";
  status.verdict = verdict;
  status.decision = decision;
}

function baseDecision(
  entry: { fractions: number[]; candidate: FlagCandidate },
  look: number,
  looks: number,
  held: number,
  boundary: number,
  power: number | null,
): Omit<SequentialDecision, "outcome" | "reason"> {
  return {
    look,
    looks,
    informationFraction: entry.fractions[look - 1]!,
    pValue: entry.candidate.pValue,
    boundary,
    alpha: held,
    predictivePower: power,
    early: look < looks,
  };
}

/** The p-value on the alpha scale: ≤ alpha exactly when it is ≤ the boundary. */
function onAlphaScale(pValue: number, boundary: number, alpha: number): number {
  return boundary > 0 ? Math.min(1, (alpha * pValue) / boundary) : 1;
}

/** Inconclusive when every part's estimate points to the claim by a practical amount (as detect-flags.ts), else not supported. */
function estimateVerdict(candidate: FlagCandidate, scoreMargin: number): FlagVerdict {
  return candidate.parts.every(
    (part) =>
      (part.claim === "less" ? part.test.estimate < part.boundary : part.test.estimate > part.boundary) &&
      (part.boundary !== 0 || Math.abs(part.test.estimate) >= scoreMargin),
  )
    ? "inconclusive"
    : "not-supported";
}

/**
 * The part whose claim the data exclude at the per-test level (alpha ÷ m): the test of the
 * opposite claim, against the part's margin, or, for a part without one, against a practical
 * amount (scoreMargin) on the claim's side. A "some other harness" group is excluded only when
 * every other harness has an excluded part.
 */
function excludedPart(candidate: FlagCandidate, scoreMargin: number, level: number): string | null {
  const contradicts = (part: ClaimPart): string | null => {
    const shift = part.boundary !== 0 ? 0 : part.claim === "greater" ? scoreMargin : -scoreMargin;
    const test = pairedTest({
      values: part.values,
      clusters: part.clusters,
      claim: part.claim === "greater" ? "less" : "greater",
      boundary: part.boundary + shift,
      binary: part.binary,
    });
    return test.pValue <= level
      ? `"${part.name}" is contradicted: ${part.claim === "greater" ? "below" : "above"} ${part.boundary + shift} with p=${formatSmall(test.pValue)} ≤ ${formatSmall(level)}`
      : null;
  };
  for (const part of candidate.parts.slice(0, candidate.ownParts)) {
    const reason = contradicts(part);
    if (reason) return reason;
  }
  if (candidate.alternatives.length === 0) return null;
  const reasons = candidate.alternatives.map((option) =>
    option.parts.map(contradicts).find((reason) => reason !== null),
  );
  return reasons.every((reason) => reason) ? `no other harness can make it hold (${reasons[0]}…)` : null;
}

/**
 * Predictive power of the test crossing its final boundary (nominal level `finalLevel`), from
 * information fraction t: per part, Φ((z − c√t)/√(1 − t)) with c the final critical value of the
 * part (its Bonferroni factor included) and z its statistic now (flat prior on the effect). The
 * claim needs every own part and some other harness: the least of the own parts' powers and the
 * sum over other harnesses of the least of theirs bound it from above.
 */
export function predictivePower(candidate: FlagCandidate, finalLevel: number, fraction: number): number {
  if (fraction >= 1) return 0;
  const of = (part: ClaimPart, factor: number) => {
    const critical = -normalQuantile(Math.min(0.5, finalLevel / factor));
    return normalCdf((partZ(part) - critical * Math.sqrt(fraction)) / Math.sqrt(1 - fraction));
  };
  let power = 1;
  for (const part of candidate.parts.slice(0, candidate.ownParts)) power = Math.min(power, of(part, 1));
  if (candidate.alternatives.length > 0) {
    const factor = candidate.alternatives.length;
    const some = candidate.alternatives.reduce(
      (total, option) => total + Math.min(...option.parts.map((part) => of(part, factor))),
      0,
    );
    power = Math.min(power, some);
  }
  return Math.min(1, power);
}

/** The part's standardized statistic towards its claim (McNemar's z for the sign test); 0 when nothing is known. */
function partZ(part: ClaimPart): number {
  const { test } = part;
  if (test.method === "none" || test.tasks === 0) return 0;
  if (test.method === "exact-sign") {
    const discordant = test.supporting + test.opposing;
    return discordant === 0 ? 0 : (test.supporting - test.opposing) / Math.sqrt(discordant);
  }
  if (!(test.standardError > 0))
    return test.opposing === 0 && test.supporting > 0 ? 8 : test.supporting === 0 && test.opposing > 0 ? -8 : 0;
  const toward = part.claim === "greater" ? 1 : -1;
  return Math.max(-8, Math.min(8, (toward * (test.estimate - part.boundary)) / test.standardError));
}

/** Small probabilities readably: 0.0023, 8.7e-6. */
export function formatSmall(value: number): string {
  if (!Number.isFinite(value)) return "–";
  if (value === 0) return "0";
  return value < 0.001 ? value.toExponential(1) : Number(value.toPrecision(2)).toString();
}

/** A predictive power as a percentage with one decimal (4.9% is futile at 5%). */
function formatPower(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
