import path from "node:path";
import { RunError } from "../errors.js";
import { SAMPLES_FILE, type NoData } from "../store/index.js";
import type { SampleRecord, Tier } from "../types.js";

interface Tally {
  kind: NoData["kind"];
  name: string;
  samples: number;
  scored: number;
  /** The first error of its samples, to say why. */
  firstError?: string;
}

/**
 * Counts scored samples per model, tier and harness as they are written (and as a resume reads
 * the earlier ones), to tell a complete run from one where something produced no data.
 */
export class NoDataTracker {
  private readonly tallies = new Map<string, Tally>();
  private total = 0;
  private scored = 0;

  constructor(expected: { models?: readonly { id: string; tier: Tier }[]; harnesses?: readonly string[] } = {}) {
    for (const model of expected.models ?? []) {
      this.tally("model", model.id);
      this.tally("tier", model.tier);
    }
    for (const harness of expected.harnesses ?? []) this.tally("harness", harness);
  }

  private tally(kind: NoData["kind"], name: string): Tally {
    const key = `${kind}\u0000${name}`;
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = { kind, name, samples: 0, scored: 0 };
      this.tallies.set(key, tally);
    }
    return tally;
  }

  add(record: SampleRecord): void {
    const scored = record.score ? 1 : 0;
    this.total++;
    this.scored += scored;
    for (const tally of [
      this.tally("model", record.model),
      this.tally("tier", record.tier),
      this.tally("harness", record.harness),
    ]) {
      tally.samples++;
      tally.scored += scored;
      if (!scored && record.error && tally.firstError === undefined) tally.firstError = record.error.message;
    }
  }

  /** Every model, tier and harness without a single scored sample, in the order first met. */
  noData(): NoData[] {
    if (this.total === 0) return [];
    return [...this.tallies.values()]
      .filter((tally) => tally.scored === 0)
      .map((tally) => ({
        kind: tally.kind,
        name: tally.name,
        samples: tally.samples,
        errors: tally.samples,
        ...(tally.firstError !== undefined ? { firstError: clip(tally.firstError) } : {}),
      }));
  }

  /** The exit-3 error of an incomplete run, naming what produced no data. */
  error(dir: string): RunError {
    const samplesFile = path.join(dir, SAMPLES_FILE);
    if (this.scored === 0)
      return new RunError(
        `every sample errored (${this.total} of ${this.total}); see ${samplesFile} for the provider messages`,
      );
    const noData = this.noData();
    const parts = noData.map(
      (entry) =>
        `${entry.kind} ${entry.name} (${entry.samples === 0 ? "no samples" : `${entry.errors} of ${entry.samples} samples errored`})`,
    );
    // Why, once: the first error of the first model (or whatever) without data, e.g. a refused key.
    const why = noData.find((entry) => entry.firstError)?.firstError;
    return new RunError(
      `the run is incomplete: no data from ${parts.join(", ")}${why ? `; first error: ${why}` : ""}; see ${samplesFile} for the messages. Reports were written and label the run incomplete.`,
    );
  }
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
