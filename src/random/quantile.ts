// The inverse cumulative distribution function of every Distribution: the single definition of how a uniform
// becomes a value. Every type is sampled by INVERSE TRANSFORM, X = F^-1(U), never by rejection or
// Box-Muller: one uniform per value, and the value is non-decreasing in U. That is what makes common random
// numbers work across scenarios. A child keeps its latent uniform, so when a scenario lengthens the mean
// stay, every child's stay moves the same way, and differences between scenarios are not drowned in noise.
//
// Accuracy: @stdlib's normal quantile (erfcinv) is exact to about 1e-16 relative for p above 1e-4 and in
// the whole upper half, but loses digits deep in the lower tail: about 1e-12 relative at p = 1e-6 and 1e-9
// at p = 1e-9 (measured against mpmath at 40 digits). That is far below anything a capacity model can see.
//
// This is the readable reference, computed from the parameters on every call. The hot loop uses
// compile()/sample() (compiled.ts), which precomputes constants; tests check that the two agree.

import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { assertValidDistribution, type Distribution } from './distribution.ts';
import { standardTruncation } from './truncatedNormal.ts';
import exp from '@stdlib/math-base-special-exp';
import ln from '@stdlib/math-base-special-ln';
import log1p from '@stdlib/math-base-special-log1p';
import pow from '@stdlib/math-base-special-pow';

/**
 * Index of the last positive probability: the largest empirical outcome that can occur. Cumulative
 * probabilities are set to exactly 1 from there on, so rounding never selects a trailing impossible value.
 * @example
 * lastPositive([0.5, 0.5, 0]); // 1
 */
export function lastPositive(probabilities: readonly number[]): number {
  let last = probabilities.length - 1;
  while (last > 0 && probabilities[last] === 0) {
    last--;
  }
  return last;
}

function empiricalQuantile(
  values: readonly number[],
  probabilities: readonly number[],
  interpolate: boolean,
  u: number,
): number {
  let total = 0;
  for (const p of probabilities) {
    total += p;
  }
  // Smallest i whose cumulative probability reaches u.
  const last = lastPositive(probabilities);
  let previous = 0;
  let cumulative = 0;
  let i = 0;
  for (; i < last; i++) {
    previous = cumulative;
    cumulative += probabilities[i] / total;
    if (u <= cumulative) {
      break;
    }
  }
  if (i === last) {
    previous = cumulative;
    cumulative = 1;
  }
  if (!interpolate || i === 0) {
    // Discrete outcome, or the atom probabilities[0] at values[0].
    return values[i];
  }
  return values[i - 1] + ((u - previous) / (cumulative - previous)) * (values[i] - values[i - 1]);
}

/**
 * The inverse CDF (quantile function) F^-1(u): the smallest x with F(x) >= u.
 * @param d a valid distribution.
 * @param u a probability in [0, 1]; at 0 and 1 the result is the end of the support (possibly ±Infinity).
 * @returns the quantile, in the variable's unit; non-decreasing in u.
 * @throws {RangeError} if the parameters are invalid or u is outside [0, 1] or NaN.
 * @example
 * quantile({ type: 'exponential', mean: 40 }, 0.5); // 27.725887222397812 (= 40 ln 2, the median)
 * quantile({ type: 'normal', mean: 0, sd: 1 }, 0.975); // 1.959963984540054
 */
export function quantile(d: Distribution, u: number): number {
  assertValidDistribution(d);
  if (!(u >= 0 && u <= 1)) {
    throw new RangeError(`quantile needs a probability in [0, 1], got ${u}`);
  }
  switch (d.type) {
    case 'fixed':
      return d.value;
    case 'exponential':
      // log1p(-u), not log(1 - u): 1 - u rounds away the digits of small u.
      return -d.mean * log1p(-u);
    case 'uniform':
      return d.min + u * (d.max - d.min);
    case 'triangular': {
      const { min, mode, max } = d;
      const width = max - min;
      return u <= (mode - min) / width
        ? min + Math.sqrt(u * width * (mode - min))
        : max - Math.sqrt((1 - u) * width * (max - mode));
    }
    case 'normal': {
      if (d.min === undefined && d.max === undefined) {
        return normalQuantile(u, d.mean, d.sd);
      }
      const min = d.min ?? -Infinity;
      const max = d.max ?? Infinity;
      const t = standardTruncation(d.mean, d.sd, min, max);
      const v = t.sign === 1 ? u : 1 - u;
      const x = d.mean + d.sd * t.sign * normalQuantile(t.pLo + v * t.mass, 0, 1);
      // Rounding in Φ^-1 can step a hair outside the interval; the bounds are part of the definition.
      return Math.min(max, Math.max(min, x));
    }
    case 'lognormal': {
      // Moments of the variable -> parameters of its log: σ² = ln(1 + sd²/mean²), μ = ln(mean) - σ²/2.
      const sigma2 = log1p((d.sd * d.sd) / (d.mean * d.mean));
      return exp(ln(d.mean) - 0.5 * sigma2 + Math.sqrt(sigma2) * normalQuantile(u, 0, 1));
    }
    case 'gamma':
      // @stdlib parameterises by rate β = 1 / scale.
      return gammaQuantile(u, d.shape, 1 / d.scale);
    case 'weibull':
      return d.scale * pow(-log1p(-u), 1 / d.shape);
    case 'empirical':
      return empiricalQuantile(d.values, d.probabilities, d.interpolate, u);
  }
}
