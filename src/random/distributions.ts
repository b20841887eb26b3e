// Public face of the distribution code: one import for the model and the scenario layer. Each concept lives
// in its own file: the type and its validation (distribution.ts), closed-form moments (moments.ts), the
// reference inverse CDF (quantile.ts), and the compiled fast sampler for the hot loop (compiled.ts).
// Every sampler is an inverse transform of ONE uniform, so common random numbers carry across scenarios.

export {
  GAMMA_MAX_SHAPE,
  PROBABILITY_SUM_TOLERANCE,
  assertValidDistribution,
  validateDistribution,
  type Distribution,
  type DistributionType,
} from './distribution.ts';
export { mean, variance } from './moments.ts';
export { quantile } from './quantile.ts';
export { CompiledDistribution, compile, quantileGrid, sample } from './compiled.ts';
