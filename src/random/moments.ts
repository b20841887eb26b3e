// Exact means and variances of every Distribution, by closed form. Tests check the samplers against these
// (a sampler whose draws disagree with its own mean is wrong), and models can use them for expected values
// without simulating, as Ciw's distribution objects do.

import { assertValidDistribution, type Distribution } from './distribution.ts';
import { lnGamma } from './lnGamma.ts';
import { truncatedNormalMoments } from './truncatedNormal.ts';
import exp from '@stdlib/math-base-special-exp';
import expm1 from '@stdlib/math-base-special-expm1';

/** Normalised probabilities of an empirical distribution (they sum to 1 within 1e-9; make it exact). */
function normalised(probabilities: readonly number[]): number[] {
  let total = 0;
  for (const p of probabilities) {
    total += p;
  }
  return probabilities.map((p) => p / total);
}

function empiricalMean(
  values: readonly number[],
  probabilities: readonly number[],
  interpolate: boolean,
): number {
  const p = normalised(probabilities);
  let m = p[0] * values[0];
  for (let i = 1; i < values.length; i++) {
    // Interpolated: mass p[i] is uniform on (values[i-1], values[i]], whose mean is the midpoint.
    m += p[i] * (interpolate ? 0.5 * (values[i - 1] + values[i]) : values[i]);
  }
  return m;
}

function empiricalVariance(
  values: readonly number[],
  probabilities: readonly number[],
  interpolate: boolean,
): number {
  const p = normalised(probabilities);
  const m = empiricalMean(values, probabilities, interpolate);
  // Centred sums rather than E[X²] - m², which cancels catastrophically for values like 1e6 ± 1.
  let v = p[0] * (values[0] - m) ** 2;
  for (let i = 1; i < values.length; i++) {
    const b = values[i] - m;
    if (interpolate) {
      // E[(Y - m)²] for Y uniform on (a, b] after centring: (a² + ab + b²) / 3.
      const a = values[i - 1] - m;
      v += (p[i] * (a * a + a * b + b * b)) / 3;
    } else {
      v += p[i] * b * b;
    }
  }
  return v;
}

/**
 * The mean of a distribution, in the variable's unit.
 * @throws {RangeError} if the parameters are invalid (see validateDistribution).
 * @example
 * mean({ type: 'gamma', shape: 2, scale: 30 }); // 60
 * mean({ type: 'weibull', shape: 2, scale: 1 }); // 0.886226925452758 (= Γ(1.5) = sqrt(pi) / 2)
 */
export function mean(d: Distribution): number {
  assertValidDistribution(d);
  switch (d.type) {
    case 'fixed':
      return d.value;
    case 'exponential':
      return d.mean;
    case 'uniform':
      return 0.5 * (d.min + d.max);
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'normal':
      if (d.min === undefined && d.max === undefined) {
        return d.mean;
      }
      return truncatedNormalMoments(d.mean, d.sd, d.min ?? -Infinity, d.max ?? Infinity)[0];
    case 'lognormal':
      return d.mean;
    case 'gamma':
      return d.shape * d.scale;
    case 'weibull':
      return d.scale * exp(lnGamma(1 + 1 / d.shape));
    case 'empirical':
      return empiricalMean(d.values, d.probabilities, d.interpolate);
  }
}

/**
 * The variance of a distribution, in the variable's unit squared.
 * @throws {RangeError} if the parameters are invalid (see validateDistribution).
 * @example
 * variance({ type: 'uniform', min: 0, max: 12 }); // 12 (= (max - min)² / 12)
 * variance({ type: 'lognormal', mean: 40, sd: 25 }); // 625
 */
export function variance(d: Distribution): number {
  assertValidDistribution(d);
  switch (d.type) {
    case 'fixed':
      return 0;
    case 'exponential':
      return d.mean * d.mean;
    case 'uniform':
      return (d.max - d.min) ** 2 / 12;
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    case 'normal':
      if (d.min === undefined && d.max === undefined) {
        return d.sd * d.sd;
      }
      return truncatedNormalMoments(d.mean, d.sd, d.min ?? -Infinity, d.max ?? Infinity)[1];
    case 'lognormal':
      return d.sd * d.sd;
    case 'gamma':
      return d.shape * d.scale * d.scale;
    case 'weibull': {
      // λ² [Γ(1 + 2/k) - Γ(1 + 1/k)²], written as λ² Γ(1 + 2/k) (1 - Γ(1 + 1/k)² / Γ(1 + 2/k)) in logs so
      // that it neither overflows for small k nor cancels for large k (expm1 keeps the small difference).
      const g1 = lnGamma(1 + 1 / d.shape);
      const g2 = lnGamma(1 + 2 / d.shape);
      return d.scale * d.scale * exp(g2) * -expm1(2 * g1 - g2);
    }
    case 'empirical':
      return empiricalVariance(d.values, d.probabilities, d.interpolate);
  }
}
