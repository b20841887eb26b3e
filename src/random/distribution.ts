// The internal description of a probability distribution, and the check that its parameters are possible.
// The scenario layer turns model-file entries (zod) into these plain objects; everything in src/random works
// on them and never sees the schema. Units are the caller's (days for durations, pounds for costs).

import { standardTruncation } from './truncatedNormal.ts';

/**
 * A univariate distribution, as the engine understands it.
 * - `fixed`: always `value`.
 * - `exponential`: mean `mean` (> 0).
 * - `uniform`: continuous on [min, max].
 * - `triangular`: on [min, max] with peak at `mode`.
 * - `normal`: mean and sd; if `min` and/or `max` is given, truncated to [min, max] (renormalised, not clamped).
 * - `lognormal`: `mean` and `sd` are those of the variable itself, not of its log.
 * - `gamma`: shape k and scale θ (mean kθ).
 * - `weibull`: shape k and scale λ (F(x) = 1 - exp(-(x/λ)^k)).
 * - `empirical`: `values` ascending with `probabilities` summing to 1. With `interpolate: false` the values
 *   are discrete outcomes. With `interpolate: true` the inverse CDF is piecewise linear through the points
 *   (cumulative probability up to value i, value i): `probabilities[0]` is an atom at `values[0]` (usually 0,
 *   making `values[0]` the minimum) and `probabilities[i]`, i >= 1, is spread uniformly over
 *   (values[i-1], values[i]].
 */
export type Distribution =
  | { readonly type: 'fixed'; readonly value: number }
  | { readonly type: 'exponential'; readonly mean: number }
  | { readonly type: 'uniform'; readonly min: number; readonly max: number }
  | { readonly type: 'triangular'; readonly min: number; readonly mode: number; readonly max: number }
  | {
      readonly type: 'normal';
      readonly mean: number;
      readonly sd: number;
      readonly min?: number;
      readonly max?: number;
    }
  | { readonly type: 'lognormal'; readonly mean: number; readonly sd: number }
  | { readonly type: 'gamma'; readonly shape: number; readonly scale: number }
  | { readonly type: 'weibull'; readonly shape: number; readonly scale: number }
  | {
      readonly type: 'empirical';
      readonly values: readonly number[];
      readonly probabilities: readonly number[];
      readonly interpolate: boolean;
    };

/** The `type` tags of {@link Distribution}. */
export type DistributionType = Distribution['type'];

/**
 * Largest gamma shape accepted. @stdlib's gamma quantile (v0.2.3) loses accuracy above a shape of about 850
 * (relative errors up to 1e-3 at shape 1000, measured against SciPy), while it agrees with SciPy to 1e-15 up
 * to 800. 500 leaves a margin; a gamma with shape 500 has a coefficient of variation of 4.5%, so a normal
 * distribution describes anything narrower equally well.
 */
export const GAMMA_MAX_SHAPE = 500;

/** Tolerance on the sum of empirical probabilities. */
export const PROBABILITY_SUM_TOLERANCE = 1e-9;

function finite(type: string, name: string, x: number): string | null {
  return Number.isFinite(x) ? null : `${type}: ${name} must be a finite number, got ${x}`;
}

function positive(type: string, name: string, x: number): string | null {
  return finite(type, name, x) ?? (x > 0 ? null : `${type}: ${name} must be > 0, got ${x}`);
}

function validateEmpirical(values: readonly number[], probabilities: readonly number[]): string | null {
  if (values.length === 0) {
    return 'empirical: values must not be empty';
  }
  if (values.length !== probabilities.length) {
    return `empirical: values (${values.length}) and probabilities (${probabilities.length}) must have the same length`;
  }
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const problem =
      finite('empirical', `values[${i}]`, values[i]) ??
      finite('empirical', `probabilities[${i}]`, probabilities[i]);
    if (problem !== null) {
      return problem;
    }
    if (probabilities[i] < 0) {
      return `empirical: probabilities[${i}] must be >= 0, got ${probabilities[i]}`;
    }
    if (i > 0 && values[i] < values[i - 1]) {
      return `empirical: values must be in ascending order, but values[${i}] = ${values[i]} < values[${i - 1}] = ${values[i - 1]}`;
    }
    sum += probabilities[i];
  }
  if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
    return `empirical: probabilities must sum to 1 (within ${PROBABILITY_SUM_TOLERANCE}), got ${sum}`;
  }
  return null;
}

/**
 * Check that a distribution's parameters are possible. Runs once per distribution at load time, not in the
 * hot loop.
 * @returns null if the distribution is valid, otherwise a message naming the type, the parameter and the
 *   offending value, e.g. `normal: sd must be > 0, got 0`.
 * @example
 * validateDistribution({ type: 'triangular', min: 5, mode: 2, max: 9 });
 * // 'triangular: need min <= mode <= max, got min 5, mode 2, max 9'
 */
export function validateDistribution(d: Distribution): string | null {
  switch (d.type) {
    case 'fixed':
      return finite(d.type, 'value', d.value);
    case 'exponential':
      return positive(d.type, 'mean', d.mean);
    case 'uniform':
      return (
        finite(d.type, 'min', d.min) ??
        finite(d.type, 'max', d.max) ??
        (d.min <= d.max ? null : `uniform: min must be <= max, got min ${d.min}, max ${d.max}`)
      );
    case 'triangular': {
      const problem =
        finite(d.type, 'min', d.min) ?? finite(d.type, 'mode', d.mode) ?? finite(d.type, 'max', d.max);
      if (problem !== null) {
        return problem;
      }
      if (!(d.min <= d.mode && d.mode <= d.max)) {
        return `triangular: need min <= mode <= max, got min ${d.min}, mode ${d.mode}, max ${d.max}`;
      }
      return d.min < d.max ? null : `triangular: min must be < max, got ${d.min} for both`;
    }
    case 'normal': {
      const problem = finite(d.type, 'mean', d.mean) ?? positive(d.type, 'sd', d.sd);
      if (problem !== null) {
        return problem;
      }
      // Infinite bounds are allowed: min = -Infinity is the same as no lower bound.
      const min = d.min ?? -Infinity;
      const max = d.max ?? Infinity;
      if (Number.isNaN(min) || Number.isNaN(max) || min === Infinity || max === -Infinity) {
        return `normal: min and max must be numbers (min may be -Infinity, max Infinity), got min ${min}, max ${max}`;
      }
      if (!(min < max)) {
        return `normal: min must be < max, got min ${min}, max ${max}`;
      }
      // The interval must carry probability that double precision can represent, or nothing can be drawn.
      return standardTruncation(d.mean, d.sd, min, max).mass > 0
        ? null
        : `normal: the interval [${min}, ${max}] lies so far in the tail of N(${d.mean}, ${d.sd}²) that its probability underflows to 0`;
    }
    case 'lognormal':
      return positive(d.type, 'mean', d.mean) ?? positive(d.type, 'sd', d.sd);
    case 'gamma':
      return (
        positive(d.type, 'shape', d.shape) ??
        positive(d.type, 'scale', d.scale) ??
        (d.shape <= GAMMA_MAX_SHAPE
          ? null
          : `gamma: shape must be <= ${GAMMA_MAX_SHAPE} (the quantile library is inaccurate beyond; use a normal), got ${d.shape}`)
      );
    case 'weibull':
      return positive(d.type, 'shape', d.shape) ?? positive(d.type, 'scale', d.scale);
    case 'empirical':
      return validateEmpirical(d.values, d.probabilities);
    default: {
      const unknown: { type?: unknown } = d;
      return `unknown distribution type ${JSON.stringify(unknown.type)}`;
    }
  }
}

/**
 * Throw if the distribution is invalid; used by the functions that need valid parameters.
 * @throws {RangeError} with the message of {@link validateDistribution}.
 * @example
 * assertValidDistribution({ type: 'exponential', mean: 30 }); // returns quietly
 */
export function assertValidDistribution(d: Distribution): void {
  const problem = validateDistribution(d);
  if (problem !== null) {
    throw new RangeError(problem);
  }
}
