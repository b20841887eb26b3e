// Natural log of the gamma function, needed for the Weibull moments and the gamma density. A standard
// Lanczos approximation (g = 7, 9 coefficients; Lanczos 1964, coefficients as published by Godfrey and
// reproduced in Numerical Recipes / Wikipedia), about 15 significant digits for x > 0. Written here rather
// than imported because the @stdlib gamma functions are only transitive dependencies of this package.

const G = 7;
const COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LN_TWO_PI = 0.5 * ln(2 * Math.PI);

/**
 * ln Γ(x) for x > 0, relative error about 1e-15.
 * @param x a positive real number.
 * @returns ln Γ(x); +Infinity at x = 0 or x = +Infinity.
 * @throws {RangeError} if x is negative or NaN.
 * @example
 * Math.exp(lnGamma(5)); // 24 (= 4!)
 * Math.exp(lnGamma(0.5)); // 1.7724538509055159 (= sqrt(pi))
 */
import ln from '@stdlib/math-base-special-ln';
import sin from '@stdlib/math-base-special-sin';
export function lnGamma(x: number): number {
  if (!(x >= 0)) {
    throw new RangeError(`lnGamma needs x >= 0, got ${x}`);
  }
  if (x === 0 || x === Infinity) {
    return Infinity;
  }
  if (x < 0.5) {
    // Reflection formula Γ(x)Γ(1-x) = π / sin(πx): the series is accurate only for x >= 1/2.
    return ln(Math.PI / sin(Math.PI * x)) - lnGamma(1 - x);
  }
  const y = x - 1;
  let a = COEFFICIENTS[0];
  for (let i = 1; i < COEFFICIENTS.length; i++) {
    a += COEFFICIENTS[i] / (y + i);
  }
  const t = y + G + 0.5;
  return HALF_LN_TWO_PI + (y + 0.5) * ln(t) - t + ln(a);
}
