/** What makes a sample itself: one (suite, task, harness, model, epoch). */
export interface SampleIdentity {
  suite: string;
  taskId: string;
  harness: string;
  model: string;
  epoch: number;
}

/** Epochs below this are bits of one number; beyond, a Set. */
const BITS = 30;

/**
 * A set of sample identities whose memory follows cells × tasks, not samples: the epochs of one
 * (suite, task, harness, model) share an entry (a bit mask while they are few), so a run with
 * many epochs costs no more than the analysis itself. Used to skip finished samples on resume and
 * to drop duplicate lines left by older versions.
 */
export class SampleIdentitySet {
  private readonly entries = new Map<string, number | Set<number>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(sample: SampleIdentity): boolean {
    const epochs = this.entries.get(cellTaskKey(sample));
    if (epochs === undefined) return false;
    if (typeof epochs === "number")
      return sample.epoch < BITS && sample.epoch >= 0 && (epochs & (1 << sample.epoch)) !== 0;
    return epochs.has(sample.epoch);
  }

  /** Adds the sample; false when it was already there. */
  add(sample: SampleIdentity): boolean {
    const key = cellTaskKey(sample);
    const epochs = this.entries.get(key) ?? 0;
    const { epoch } = sample;
    if (typeof epochs === "number" && Number.isInteger(epoch) && epoch >= 0 && epoch < BITS) {
      if (epochs & (1 << epoch)) return false;
      this.entries.set(key, epochs | (1 << epoch));
    } else {
      const set = typeof epochs === "number" ? expand(epochs) : epochs;
      if (set.has(epoch)) return false;
      set.add(epoch);
      this.entries.set(key, set);
    }
    this.count++;
    return true;
  }
}

function cellTaskKey(sample: SampleIdentity): string {
  return `${sample.suite}\u0000${sample.taskId}\u0000${sample.harness}\u0000${sample.model}`;
}

function expand(mask: number): Set<number> {
  const set = new Set<number>();
  for (let bit = 0; bit < BITS; bit++) if (mask & (1 << bit)) set.add(bit);
  return set;
}
