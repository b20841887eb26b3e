/** Bins for a histogram whose edges fall on nice numbers and on a chosen anchor (a target). */

/** The nice bin width nearest `raw`: 1, 2, 2.5 or 5 times a power of ten. */
function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const distance = (m: number) => Math.abs(Math.log(m * p) - Math.log(raw));
  return [1, 2, 2.5, 5, 10].reduce((best, m) => (distance(m) < distance(best) ? m : best)) * p;
}

/**
 * Count values in bins of a nice width with an edge at `anchor` (the target, so that the bars
 * right of its line are exactly the replications that reach it): about 2 bins per square root
 * of the number of values, 10 to 40 over `span`. Empty bins are left out.
 */
export function histogram(
  values: readonly number[],
  anchor: number,
  span: number,
  n = values.length,
): { from: number; to: number; count: number }[] {
  const step = niceStep(span / Math.min(40, Math.max(10, Math.round(2 * Math.sqrt(n)))));
  const counts = new Map<number, number>();
  for (const v of values) {
    const k = Math.floor((v - anchor) / step);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([k, count]) => ({ from: anchor + k * step, to: anchor + (k + 1) * step, count }));
}
