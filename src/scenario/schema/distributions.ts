/**
 * Distributions as a model file writes them. Each is `{ type: ..., <parameters> }`; a
 * duration also names its `unit`. Parameters may carry provenance like any number, and a
 * whole distribution may carry `source`/`assumption` (for tables and shapes that come as a
 * piece). Impossible parameters (min above max, sd of 0, probabilities not summing to 1)
 * are caught here, so the engine only ever sees valid ones.
 */
import { DAYS_PER_YEAR } from '../../engine/calendar.ts';
import { z } from 'zod';
import { validateDistribution, type Distribution } from '../../random/distribution.ts';
import { num, param, probabilitySumProblem, val, type Param } from './primitives.ts';

export const DURATION_UNITS = ['days', 'weeks', 'months', 'years'] as const;
/** Days in each unit; a month is a twelfth of a mean Gregorian year. */
export const DAYS_PER_UNIT: Record<(typeof DURATION_UNITS)[number], number> = {
  days: 1,
  weeks: 7,
  months: DAYS_PER_YEAR / 12,
  years: DAYS_PER_YEAR,
};

export { val } from './primitives.ts';

const wholeProvenance = {
  source: z.string().min(1).optional().describe('Where this distribution comes from.'),
  assumption: z.string().min(20).optional().describe('Why this distribution is a reasonable assumption.'),
};

function variants<U extends z.ZodRawShape>(unitField: U) {
  const base = { ...unitField, ...wholeProvenance };
  const p = param;
  return [
    z.strictObject({ type: z.literal('fixed'), value: p(num.nonNegative(), 'the value'), ...base }),
    z.strictObject({ type: z.literal('exponential'), mean: p(num.positive(), 'mean'), ...base }),
    z.strictObject({
      type: z.literal('uniform'),
      min: p(num.nonNegative(), 'lowest value'),
      max: p(num.nonNegative(), 'highest value'),
      ...base,
    }),
    z.strictObject({
      type: z.literal('triangular'),
      min: p(num.nonNegative(), 'lowest value'),
      mode: p(num.nonNegative(), 'most likely value'),
      max: p(num.nonNegative(), 'highest value'),
      ...base,
    }),
    z.strictObject({
      type: z.literal('normal'),
      mean: p(num.any(), 'mean before truncation'),
      sd: p(num.positive(), 'standard deviation before truncation'),
      min: p(num.nonNegative(), 'truncated below at this value (default 0)').optional(),
      max: p(num.nonNegative(), 'truncated above at this value (default: no upper bound)').optional(),
      ...base,
    }),
    z.strictObject({
      type: z.literal('lognormal'),
      mean: p(num.positive(), 'mean of the value itself (not of its logarithm)'),
      sd: p(num.positive(), 'standard deviation of the value itself'),
      ...base,
    }),
    z.strictObject({
      type: z.literal('gamma'),
      shape: p(num.positive(), 'shape k').optional(),
      scale: p(num.positive(), 'scale θ (mean = kθ)').optional(),
      mean: p(num.positive(), 'mean (instead of shape and scale)').optional(),
      sd: p(num.positive(), 'standard deviation (instead of shape and scale)').optional(),
      ...base,
    }),
    z.strictObject({
      type: z.literal('weibull'),
      shape: p(num.positive(), 'shape k'),
      scale: p(num.positive(), 'scale λ'),
      ...base,
    }),
    z.strictObject({
      type: z.literal('empirical'),
      values: z.array(num.nonNegative()).min(1).describe('the observed values'),
      probabilities: z
        .array(num.probability())
        .min(1)
        .optional()
        .describe('probability of each value (default: equally likely); must sum to 1'),
      interpolate: z
        .boolean()
        .default(false)
        .describe(
          'false: only these values occur; true: values in between, by linear interpolation of the CDF',
        ),
      ...base,
    }),
  ] as const;
}

type RawDist = { type: string } & Record<string, unknown>;

/** Cross-parameter checks shared by both kinds of distribution; true if any problem was found. */
function checkDistribution(d: RawDist, ctx: z.RefinementCtx): boolean {
  const g = (k: string): number | undefined => (d[k] === undefined ? undefined : val(d[k] as Param));
  let found = false;
  const issue = (message: string, key?: string) => {
    found = true;
    ctx.addIssue({ code: 'custom', message, path: key === undefined ? [] : [key] });
  };
  switch (d.type) {
    case 'uniform':
    case 'triangular': {
      const lo = g('min')!;
      const hi = g('max')!;
      if (lo > hi) issue(`min (${lo}) is above max (${hi})`, 'min');
      if (d.type === 'triangular') {
        const mode = g('mode')!;
        if (mode < lo || mode > hi)
          issue(`mode (${mode}) must lie between min (${lo}) and max (${hi})`, 'mode');
      }
      break;
    }
    case 'normal': {
      const lo = g('min') ?? 0;
      const hi = g('max') ?? Infinity;
      if (lo >= hi) issue(`min (${lo}) must be below max (${hi})`, 'min');
      break;
    }
    case 'gamma': {
      const byShape = d.shape !== undefined || d.scale !== undefined;
      const byMoments = d.mean !== undefined || d.sd !== undefined;
      if (byShape === byMoments || (byShape && (d.shape === undefined || d.scale === undefined)))
        issue('give either "shape" and "scale", or "mean" and "sd"');
      else if (byMoments && (d.mean === undefined || d.sd === undefined))
        issue('give both "mean" and "sd" (or "shape" and "scale")');
      break;
    }
    case 'empirical': {
      const values = d.values as number[];
      const probs = d.probabilities as number[] | undefined;
      if (probs !== undefined) {
        if (probs.length !== values.length)
          issue(
            `${probs.length} probabilities for ${values.length} values: give one per value`,
            'probabilities',
          );
        const sum = probs.reduce((a, b) => a + b, 0);
        const off = probabilitySumProblem(sum);
        if (off) issue(`probabilities ${off}`, 'probabilities');
      }
      if (d.interpolate === true) {
        for (let i = 1; i < values.length; i++)
          if (values[i]! < values[i - 1]!) {
            issue('with interpolate: true, values must be in ascending order', 'values');
            break;
          }
      }
      break;
    }
  }
  return found;
}

/**
 * The engine's own check, after the checks above have passed: whatever the engine would
 * refuse (a gamma shape too large for an accurate quantile, unsorted empirical values...)
 * is refused here, with the engine's reason, so validation and simulation never disagree.
 */
function checkWithEngine(d: RawDist, ctx: z.RefinementCtx): void {
  let problem: string | null;
  try {
    problem = validateDistribution(toDistribution(d as DistributionInput));
  } catch (e) {
    problem = e instanceof Error ? e.message : String(e);
  }
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
}

/** "No matching discriminator" is zod's phrase; name the types instead. */
const unknownType = {
  error: (iss: { code?: string; note?: string }) =>
    iss.code === 'invalid_union' && iss.note === 'No matching discriminator'
      ? `expected "type" to be one of fixed, exponential, uniform, triangular, normal, lognormal, gamma, weibull, empirical`
      : undefined,
};

/** A distribution of a quantity that is not a duration (a price in £ a week, an age in years). */
export const distribution = z
  .discriminatedUnion('type', variants({}), unknownType)
  .superRefine((d, ctx) => {
    if (!checkDistribution(d as RawDist, ctx)) checkWithEngine(d as RawDist, ctx);
  })
  .describe(
    'A probability distribution: { type: fixed|exponential|uniform|triangular|normal|lognormal|gamma|weibull|empirical, ... }',
  );

/** A distribution of a length of time; `unit` says what its numbers count. */
export const duration = z
  .discriminatedUnion(
    'type',
    variants({
      unit: z
        .enum(DURATION_UNITS, { error: 'expected "unit" to be one of days, weeks, months, years' })
        .describe('What the numbers count: days, weeks, months or years.'),
    }),
    unknownType,
  )
  .superRefine((d, ctx) => {
    if (!checkDistribution(d as RawDist, ctx)) checkWithEngine(d as RawDist, ctx);
  })
  .describe('A distribution of a duration: { type: ..., unit: days|weeks|months|years, ... }');

export type DistributionInput = z.infer<typeof distribution>;
export type DurationInput = z.infer<typeof duration>;

/**
 * Convert a distribution as written in a model file (parameters possibly carrying provenance,
 * gamma by mean and sd, probabilities optional) into the engine's plain `Distribution`, in the
 * same units. Durations are converted to days by the caller.
 */
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
