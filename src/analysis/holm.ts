/**
 * Holm's step-down adjustment: adjusted p-values that control the family-wise error rate over
 * all the tests at once, under any dependence between them (Holm 1979). A test is rejected at
 * level α when its adjusted p-value is ≤ α.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const count = pValues.length;
  const order = pValues
    .map((value, index) => ({ value, index }))
    .sort((a, b) => a.value - b.value || a.index - b.index);
  const adjusted = new Array<number>(count);
  let running = 0;
  order.forEach(({ value, index }, rank) => {
    running = Math.max(running, Math.min(1, (count - rank) * value));
    adjusted[index] = running;
  });
  return adjusted;
}
