// The arithmetic of a normal distribution truncated to [min, max], shared by validation, the reference
// quantile, the compiled sampler and the moments, so that all four agree.
//
// Inverse transform: X = mu + sd * Φ^-1(Φ(α) + u (Φ(β) - Φ(α))), α and β being the standardised bounds.
// Done naively this fails in the upper tail: for [5, 6] sd, Φ(α) and Φ(β) are both 0.9999997... and their
// difference keeps 9 digits at best. So when the interval lies mostly above the mean, we work with the
// mirror image -X, whose interval [-β, -α] lies in the lower tail where Φ is accurate to full relative
// precision, and use 1 - u so the result stays increasing in u (common random numbers need monotonicity).

import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import exp from '@stdlib/math-base-special-exp';

const INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);

/** The standard normal density φ(x); 0 at ±Infinity. */
function phi(x: number): number {
  return INV_SQRT_TWO_PI * exp(-0.5 * x * x);
}

/** x φ(x), with its limit 0 at ±Infinity (the product would be NaN there). */
function xPhi(x: number): number {
  return Number.isFinite(x) ? x * phi(x) : 0;
}

/**
 * A truncation interval in standard units, oriented so that it lies mostly below 0.
 * `sign` is -1 when the interval was mirrored (work with -Z), otherwise +1.
 * `pLo` = Φ(lo), `mass` = Φ(hi) - Φ(lo), the probability of the interval under the untruncated normal.
 */
export interface StandardTruncation {
  readonly sign: 1 | -1;
  readonly lo: number;
  readonly hi: number;
  readonly pLo: number;
  readonly mass: number;
}

/**
 * Standardise and orient the truncation interval of N(mean, sd²) to [min, max].
 * @param mean mean of the untruncated normal.
 * @param sd standard deviation (> 0) of the untruncated normal.
 * @param min lower bound, -Infinity for none.
 * @param max upper bound, Infinity for none.
 * @example
 * standardTruncation(0, 1, 5, 6); // { sign: -1, lo: -6, hi: -5, pLo: 9.866e-10, mass: 2.857e-7 }
 */
export function standardTruncation(mean: number, sd: number, min: number, max: number): StandardTruncation {
  const alpha = (min - mean) / sd;
  const beta = (max - mean) / sd;
  // alpha + beta > 0 means the interval's centre is above the mean (NaN for (-Inf, Inf): no mirroring).
  const mirror = alpha + beta > 0;
  const lo = mirror ? -beta : alpha;
  const hi = mirror ? -alpha : beta;
  const pLo = normalCdf(lo, 0, 1);
  return { sign: mirror ? -1 : 1, lo, hi, pLo, mass: normalCdf(hi, 0, 1) - pLo };
}

/**
 * Exact mean and variance of a truncated normal (Johnson, Kotz and Balakrishnan, Continuous Univariate
 * Distributions vol. 1, 2nd ed., §10.1): with Z = Φ(b) - Φ(a),
 * E = μ + σ (φ(a) - φ(b)) / Z and Var = σ² [1 + (a φ(a) - b φ(b)) / Z - ((φ(a) - φ(b)) / Z)²].
 * @returns [mean, variance] in the variable's unit and unit squared.
 * @example
 * truncatedNormalMoments(0, 1, 0, Infinity); // [0.7978845608028654, 0.36338022763241865] (half-normal)
 */
export function truncatedNormalMoments(mean: number, sd: number, min: number, max: number): [number, number] {
  const t = standardTruncation(mean, sd, min, max);
  const m = (phi(t.lo) - phi(t.hi)) / t.mass;
  const v = 1 + (xPhi(t.lo) - xPhi(t.hi)) / t.mass - m * m;
  return [mean + sd * t.sign * m, sd * sd * v];
}
