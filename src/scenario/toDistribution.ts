/**
 * Convert a distribution as written in a model file (parameters possibly carrying
 * provenance, gamma by mean and sd, probabilities optional) into the engine's plain
 * `Distribution`, in the same units. Durations are converted to days by the caller.
 */
import type { Distribution } from '../random/distribution.ts';
import type { DistributionInput, DurationInput } from './schema/distributions.ts';
import { val } from './schema/primitives.ts';

/** The engine's form of a model-file distribution (units unchanged). */
export function toDistribution(d: DistributionInput | DurationInput): Distribution {
  switch (d.type) {
    case 'fixed':
      return { type: 'fixed', value: val(d.value) };
    case 'exponential':
      return { type: 'exponential', mean: val(d.mean) };
    case 'uniform':
      return { type: 'uniform', min: val(d.min), max: val(d.max) };
    case 'triangular':
      return { type: 'triangular', min: val(d.min), mode: val(d.mode), max: val(d.max) };
    case 'normal':
      // Quantities here (durations, prices, ages) are never negative: truncate at 0 by default.
      return {
        type: 'normal',
        mean: val(d.mean),
        sd: val(d.sd),
        min: d.min === undefined ? 0 : val(d.min),
        ...(d.max === undefined ? {} : { max: val(d.max) }),
      };
    case 'lognormal':
      return { type: 'lognormal', mean: val(d.mean), sd: val(d.sd) };
    case 'gamma': {
      if (d.shape !== undefined && d.scale !== undefined)
        return { type: 'gamma', shape: val(d.shape), scale: val(d.scale) };
      // Method of moments: mean = k theta, variance = k theta^2.
      const m = val(d.mean!);
      const sd = val(d.sd!);
      return { type: 'gamma', shape: (m * m) / (sd * sd), scale: (sd * sd) / m };
    }
    case 'weibull':
      return { type: 'weibull', shape: val(d.shape), scale: val(d.scale) };
    case 'empirical': {
      const n = d.values.length;
      return {
        type: 'empirical',
        values: [...d.values],
        probabilities: d.probabilities ? [...d.probabilities] : d.values.map(() => 1 / n),
        interpolate: d.interpolate,
      };
    }
  }
}
