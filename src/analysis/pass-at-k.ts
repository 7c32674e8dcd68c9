// Epoch estimators. pass@k: the unbiased estimator of Chen et al. (2021), 1 − C(n−c, k)/C(n, k),
// computed as a running product so large n does not overflow. pass^k: C(c, k)/C(n, k), the
// unbiased estimate that k independent attempts all pass.

/** n samples, c of them passed. Requires n ≥ k. */
export function passAtK(samples: number, passed: number, k: number): number {
  checkCounts(samples, passed, k);
  if (samples - passed < k) return 1;
  let allFail = 1;
  for (let index = samples - passed + 1; index <= samples; index++) allFail *= 1 - k / index;
  return 1 - allFail;
}

/** n samples, c of them passed. Requires n ≥ k. */
export function passHatK(samples: number, passed: number, k: number): number {
  checkCounts(samples, passed, k);
  if (passed < k) return 0;
  let product = 1;
  for (let index = 0; index < k; index++) product *= (passed - index) / (samples - index);
  return product;
}

function checkCounts(samples: number, passed: number, k: number): void {
  if (!Number.isInteger(samples) || !Number.isInteger(passed) || !Number.isInteger(k))
    throw new RangeError("pass@k: counts must be integers");
  if (k < 1 || samples < k || passed < 0 || passed > samples)
    throw new RangeError(`pass@k: need 0 ≤ c ≤ n and 1 ≤ k ≤ n (n=${samples}, c=${passed}, k=${k})`);
}
