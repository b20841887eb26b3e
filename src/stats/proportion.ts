/**
 * The Wilson score interval of a proportion (Wilson 1927; Brown, Cai and DasGupta 2001): the
 * 95% interval of a chance estimated as the share of n replications in which something happens.
 * Better than p ± 1.96 √(p(1 − p)/n) near 0 and 1, where a chance of 0 in 50 replications does
 * not mean certainty.
 */
const Z95 = 1.959963984540054;

export function wilsonInterval(p: number, n: number): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 1 };
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Half the width of the Wilson interval (before clipping to [0, 1]). */
export function wilsonHalfWidth(p: number, n: number): number {
  if (n <= 0) return 0.5;
  const z2 = Z95 * Z95;
  return (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
}
