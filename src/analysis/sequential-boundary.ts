// Group-sequential boundaries by alpha spending (Lan & DeMets 1983) for a one-sided test looked at
// several times as data accrue. The O'Brien–Fleming-type spending function
//   α(t) = 2 − 2Φ(z_{1−α/2} / √t)
// spends almost nothing at early looks and nearly all of α at the last, so stopping early needs
// overwhelming evidence and the final look is almost the fixed-size test. The nominal level of
// look k is found from the canonical joint distribution of the statistics (Z_k = S(t_k)/√t_k,
// S a standard Brownian motion) by recursive numerical integration (Jennison & Turnbull 2000,
// ch. 19): P(no crossing before k, crossing at k) = α(t_k) − α(t_{k−1}).
import { normalCdf } from "./distributions.js";
import { normalQuantile } from "./normal-quantile.js";

/** Cumulative one-sided error spent by information fraction t ∈ (0, 1]. */
export function obrienFlemingSpending(alpha: number, fraction: number): number {
  if (fraction <= 0) return 0;
  if (fraction >= 1) return alpha;
  return 2 * upperTail(normalQuantile(1 - alpha / 2) / Math.sqrt(fraction));
}

function upperTail(z: number): number {
  return normalCdf(-z);
}

function density(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** Simpson points per look (odd); the boundaries are accurate to a few parts in 10⁴ of α or better. */
const GRID = 801;

const cache = new Map<string, number[]>();

/**
 * The nominal one-sided p-value thresholds of looks at the given increasing information fractions
 * (the last normally 1) for a test of level `alpha`: reject at look k when p_k ≤ levels[k].
 */
export function nominalLevels(alpha: number, fractions: readonly number[]): number[] {
  const key = `${alpha}|${fractions.join(",")}`;
  const known = cache.get(key);
  if (known) return known;
  const levels = computeLevels(alpha, fractions);
  if (cache.size > 5000) cache.clear();
  cache.set(key, levels);
  return levels;
}

function computeLevels(alpha: number, fractions: readonly number[]): number[] {
  const levels: number[] = [];
  // The density of S(t_k) on the continuation region, on a grid of points `at` with weights.
  let points: Float64Array | null = null;
  let values: Float64Array | null = null;
  let weights: Float64Array | null = null;
  let previousFraction = 0;
  let spent = 0;
  for (const fraction of fractions) {
    const target = obrienFlemingSpending(alpha, fraction) - spent;
    if (!points || !values || !weights) {
      // First look: Z_1 is standard normal.
      const z = target > 0 ? -normalQuantile(Math.min(target, 0.5)) : Infinity;
      levels.push(target > 0 ? upperTail(z) : 0);
      const grid = densityGrid(
        fraction,
        z * Math.sqrt(fraction),
        (s) => density(s / Math.sqrt(fraction)) / Math.sqrt(fraction),
      );
      ({ points, values, weights } = grid);
    } else {
      const step = fraction - previousFraction;
      const root = Math.sqrt(step);
      const exitAt = (boundary: number) => {
        let total = 0;
        for (let index = 0; index < points!.length; index++)
          total += weights![index]! * values![index]! * upperTail((boundary - points![index]!) / root);
        return total;
      };
      // Solve P(exit at this look) = target for the boundary on the S scale (decreasing in it).
      let z = Infinity;
      if (target > 0) {
        let low = -10 * Math.sqrt(fraction);
        let high = 12 * Math.sqrt(fraction);
        for (let iteration = 0; iteration < 80; iteration++) {
          const middle = (low + high) / 2;
          if (exitAt(middle) > target) low = middle;
          else high = middle;
        }
        z = (low + high) / 2 / Math.sqrt(fraction);
      }
      levels.push(target > 0 ? upperTail(z) : 0);
      const current = { points, values, weights };
      ({ points, values, weights } = densityGrid(fraction, z * Math.sqrt(fraction), (s) => {
        let total = 0;
        for (let index = 0; index < current.points.length; index++)
          total += current.weights[index]! * current.values[index]! * density((s - current.points[index]!) / root);
        return total / root;
      }));
    }
    spent = obrienFlemingSpending(alpha, fraction);
    previousFraction = fraction;
  }
  return levels;
}

/** Simpson's grid on (−8√t, upper) (the continuation region, the lower tail cut where it is negligible). */
function densityGrid(
  fraction: number,
  upper: number,
  densityAt: (s: number) => number,
): { points: Float64Array; values: Float64Array; weights: Float64Array } {
  const low = -8 * Math.sqrt(fraction);
  const high = Math.min(upper, 8 * Math.sqrt(fraction));
  const points = new Float64Array(GRID);
  const values = new Float64Array(GRID);
  const weights = new Float64Array(GRID);
  if (!(high > low)) return { points, values, weights };
  const width = (high - low) / (GRID - 1);
  for (let index = 0; index < GRID; index++) {
    const s = low + index * width;
    points[index] = s;
    values[index] = densityAt(s);
    weights[index] = (width / 3) * (index === 0 || index === GRID - 1 ? 1 : index % 2 === 1 ? 4 : 2);
  }
  return { points, values, weights };
}
