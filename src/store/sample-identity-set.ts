/** What makes a sample itself: one (suite, task, harness, model, epoch). */
export interface SampleIdentity {
  suite: string;
  taskId: string;
  harness: string;
  model: string;
  epoch: number;
}

/** Epochs below this are bits of one number; beyond, bits of a growing array. */
const BITS = 30;
/** Epochs a bit array holds at most; larger (or odd) epochs go to a Set. */
const MAX_BIT_EPOCH = 1 << 20;

type Epochs = number | Uint32Array | Set<number>;

/**
 * A set of sample identities whose memory follows cells × tasks, not samples: the epochs of one
 * (suite, task, harness, model) share an entry, as bits, so even a run with a thousand epochs
 * costs no more than the analysis itself. Used to skip finished samples on resume and to drop
 * duplicate lines left by older versions.
 */
export class SampleIdentitySet {
  private readonly entries = new Map<string, Epochs>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(sample: SampleIdentity): boolean {
    const epochs = this.entries.get(cellTaskKey(sample));
    return epochs !== undefined && holds(epochs, sample.epoch);
  }

  /** Adds the sample; false when it was already there. */
  add(sample: SampleIdentity): boolean {
    const key = cellTaskKey(sample);
    const epochs = this.entries.get(key) ?? 0;
    if (holds(epochs, sample.epoch)) return false;
    this.entries.set(key, withEpoch(epochs, sample.epoch));
    this.count++;
    return true;
  }
}

function cellTaskKey(sample: SampleIdentity): string {
  return `${sample.suite}\u0000${sample.taskId}\u0000${sample.harness}\u0000${sample.model}`;
}

const isBitEpoch = (epoch: number) => Number.isInteger(epoch) && epoch >= 0 && epoch < MAX_BIT_EPOCH;

function holds(epochs: Epochs, epoch: number): boolean {
  if (epochs instanceof Set) return epochs.has(epoch);
  if (!isBitEpoch(epoch)) return false;
  if (typeof epochs === "number") return epoch < BITS && (epochs & (1 << epoch)) !== 0;
  const word = epoch >>> 5;
  return word < epochs.length && (epochs[word]! & (1 << (epoch & 31))) !== 0;
}

/** `epochs` with `epoch` added (a new value when the representation has to grow). */
function withEpoch(epochs: Epochs, epoch: number): Epochs {
  if (epochs instanceof Set) return epochs.add(epoch);
  if (!isBitEpoch(epoch)) return new Set([...epochList(epochs), epoch]);
  if (typeof epochs === "number" && epoch < BITS) return epochs | (1 << epoch);
  let bits = typeof epochs === "number" ? Uint32Array.of(epochs) : epochs;
  const word = epoch >>> 5;
  if (word >= bits.length) {
    const grown = new Uint32Array(Math.max(word + 1, bits.length * 2));
    grown.set(bits);
    bits = grown;
  }
  bits[word]! |= 1 << (epoch & 31);
  return bits;
}

function epochList(epochs: number | Uint32Array): number[] {
  const words = typeof epochs === "number" ? [epochs] : [...epochs];
  return words.flatMap((word, index) =>
    [...Array(32).keys()].filter((bit) => word & (1 << bit)).map((bit) => index * 32 + bit),
  );
}
