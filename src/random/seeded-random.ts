// capbench's one seeded random-number generator (sfc32, 128-bit state), seeded from a hash of a
// seed and a label so that every consumer (a bootstrap, a simulated model's reply, a generated
// task) draws its own stream and results do not depend on the order of computation.

export type RandomSource = () => number;

export function createSeededRandom(seed: number, label = ""): RandomSource {
  return fromWords(hashToWords(`${seed}\u0000${label}`));
}

/** A stream from a 32-bit seed (e.g. a hashString of the inputs a reply depends on). */
export function createRandom(seed: number): RandomSource {
  return fromWords(hashToWords(`${seed >>> 0}`));
}

/** FNV-1a: a 32-bit hash of a string, optionally chained from another hash. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A whole number from min to max, both included. */
export function randomInt(random: RandomSource, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function fromWords(words: [number, number, number, number]): RandomSource {
  // State in an Int32Array: plain variables would hold values beyond the small-integer range
  // and be boxed on every step (about 30× slower).
  const state = new Int32Array(words);
  const next = () => {
    const a = state[0]!,
      b = state[1]!,
      c = state[2]!,
      d = state[3]!;
    const t = (((a + b) | 0) + d) | 0;
    state[3] = (d + 1) | 0;
    state[0] = b ^ (b >>> 9);
    state[1] = (c + (c << 3)) | 0;
    state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let warmup = 0; warmup < 15; warmup++) next();
  return next;
}

/** cyrb128: four 32-bit words from a string. */
function hashToWords(text: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = h2 ^ Math.imul(h1 ^ code, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ code, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ code, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ code, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
