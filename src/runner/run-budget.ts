import type { SampleRecord } from "../types.js";

/** What the budget says at any time (run.json `budget`, the stop line, the outcome). */
export interface BudgetState {
  maxCostUsd: number;
  /** Paid cost recorded so far (costUsd − replayedCostUsd of every written sample, earlier sessions included). */
  spentUsd: number;
  remainingUsd: number;
  /** True once a sample was refused: no new sample starts. */
  reached: boolean;
}

/** A sample admitted against the budget: its model and the cost reserved for it. */
export interface BudgetTicket {
  model: string;
  estimateUsd: number;
}

interface ModelTally {
  finished: number;
  paidUsd: number;
  inFlight: number;
}

/** The paid part of a sample's cost: list price minus what the response cache replayed; 0 without a price. */
export function paidCostOf(record: Pick<SampleRecord, "costUsd" | "replayedCostUsd">): number {
  if (record.costUsd === null || !Number.isFinite(record.costUsd)) return 0;
  return Math.max(0, record.costUsd - (record.replayedCostUsd ?? 0));
}

/**
 * `--max-cost`: the whole run's cap. A sample starts only while
 *   spent + Σ estimates of the samples in flight + its own estimate ≤ cap,
 * where a model's estimate is the mean paid cost of its finished samples. Until a model has one
 * finished sample its cost is unknown (estimate 0), so only one of its samples (the pilot) may be
 * in flight. The first refusal ends admission for the run.
 *
 * Overshoot bound (docs/cost-control.md): each finished sample moves spent + reserved by
 * (actual − estimate), so the final paid cost is at most the cap plus Σ (actual − estimate) over
 * the samples in flight when the last one started — at most `concurrency` samples, of which at
 * most one per model without a finished sample (a pilot, estimate 0, counted at its full cost).
 */
export class RunBudget {
  private spent = 0;
  private reserved = 0;
  private stopped = false;
  private readonly models = new Map<string, ModelTally>();
  private waiters: (() => void)[] = [];

  constructor(readonly maxCostUsd: number) {}

  private tally(model: string): ModelTally {
    let tally = this.models.get(model);
    if (!tally) this.models.set(model, (tally = { finished: 0, paidUsd: 0, inFlight: 0 }));
    return tally;
  }

  /** A sample already in the results directory (a resume counts what earlier sessions spent). */
  recordFinished(record: SampleRecord): void {
    const paid = paidCostOf(record);
    this.spent += paid;
    const tally = this.tally(record.model);
    tally.finished++;
    tally.paidUsd += paid;
  }

  /** The estimate a new sample of `model` reserves; null while its pilot is in flight. */
  private estimateFor(model: string): number | null {
    const tally = this.tally(model);
    if (tally.finished > 0) return tally.paidUsd / tally.finished;
    return tally.inFlight > 0 ? null : 0;
  }

  /**
   * Admits a sample of `model`, waiting while that model's pilot is in flight. Null once the cap
   * is reached (or the signal aborts): no new sample starts.
   */
  async admit(model: string, signal?: AbortSignal): Promise<BudgetTicket | null> {
    for (;;) {
      if (this.stopped || signal?.aborted) return null;
      const estimate = this.estimateFor(model);
      if (estimate === null) {
        await this.changed(signal);
        continue;
      }
      // `<` as well as `≤`: a pilot (estimate 0) does not start once the cap is exactly spent.
      if (this.spent + this.reserved >= this.maxCostUsd || this.spent + this.reserved + estimate > this.maxCostUsd) {
        this.stopped = true;
        this.wake();
        return null;
      }
      this.tally(model).inFlight++;
      this.reserved += estimate;
      return { model, estimateUsd: estimate };
    }
  }

  /** The sample ended: written (its record) or dropped (null: aborted, its model died). */
  release(ticket: BudgetTicket, record: SampleRecord | null): void {
    const tally = this.tally(ticket.model);
    tally.inFlight--;
    this.reserved = Math.max(0, this.reserved - ticket.estimateUsd);
    if (record) this.recordFinished(record);
    this.wake();
  }

  state(): BudgetState {
    return {
      maxCostUsd: this.maxCostUsd,
      spentUsd: this.spent,
      remainingUsd: Math.max(0, this.maxCostUsd - this.spent),
      reached: this.stopped,
    };
  }

  private changed(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        signal?.removeEventListener("abort", done);
        resolve();
      };
      this.waiters.push(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
