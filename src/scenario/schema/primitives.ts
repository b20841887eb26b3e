/**
 * Building blocks of the model-file schema: numbers that carry their provenance,
 * identifiers, dates, financial years and growth rates.
 *
 * Why a number may be an object: every parameter in a model file should say where it
 * came from, either a source in the council documents (`001 ¶11`) or an explicit
 * assumption with its reason. `{ value, source }` / `{ value, assumption }` carry that
 * beside the number, optional `low`/`high` give the range the sensitivity analysis
 * explores, and optional `uncertain` states a belief about the number (a distribution, or
 * how to read `low`/`high` as one), drawn once a replication (src/scenario/beliefs.ts). A bare
 * number is still accepted (for quick experiments and verification models); `caresim
 * validate --provenance` lists which numbers carry none.
 */
import { z } from 'zod';
import { validateDistribution } from '../../random/distribution.ts';
import { quantile } from '../../random/quantile.ts';
import type { Distribution } from '../../random/distribution.ts';

/** Identifier of a cohort, home or destination: used as a map key in the model file. */
/**
 * How far probabilities that must sum to 1 may miss it (rounding in a file written by hand or by
 * a spreadsheet): one tolerance for every such list.
 */
export const PROBABILITY_TOLERANCE = 1e-6;

/** Why a list of probabilities is refused: its sum with enough digits to see how far it is from 1. */
export function probabilitySumProblem(sum: number): string | null {
  if (Math.abs(sum - 1) <= PROBABILITY_TOLERANCE) return null;
  return `sum to ${Number(sum.toPrecision(12))}, not 1 (they may differ from 1 by at most ${PROBABILITY_TOLERANCE.toFixed(6)})`;
}

export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
export const id = z
  .string()
  .regex(ID_PATTERN, { error: 'expected an identifier: a letter, then letters, digits, "-" or "_"' });

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date written `YYYY-MM-DD`; checked to be a real date (one message, whichever is wrong). */
export const isoDate = z.string({ error: 'expected a date like 2025-03-31' }).superRefine((s, ctx) => {
  if (!DATE_PATTERN.test(s)) {
    ctx.addIssue({ code: 'custom', message: 'expected a date like 2025-03-31 (year-month-day)' });
    return;
  }
  const d = new Date(`${s}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s)
    ctx.addIssue({ code: 'custom', message: `not a real calendar date: ${s}` });
});

/** A financial year label such as `2025/26` (the year it starts, then the last two digits of the next). */
export const FY_PATTERN = /^(\d{4})\/(\d{2})$/;
export const financialYear = z.string().refine((s) => {
  const m = FY_PATTERN.exec(s);
  return m !== null && (Number(m[1]) + 1) % 100 === Number(m[2]);
}, 'expected a financial year like 2025/26');

/**
 * A belief about a number: what we think its true value may be, as a distribution. Drawn once a
 * replication (never per event), by inverse transform from the parameter's own stream, so that
 * every scenario sees the same draw. The short forms read the number's `low`/`high` pair as a
 * stated distribution: `triangular` (low, value as the most likely value, high) or `uniform`
 * (low to high).
 */
const beliefNumber = () => z.number({ error: 'expected a number' });
export const belief = z
  .union([
    z.enum(['triangular', 'uniform']),
    z.literal(false),
    z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('uniform'), min: beliefNumber(), max: beliefNumber() }),
      z.strictObject({
        type: z.literal('triangular'),
        min: beliefNumber(),
        mode: beliefNumber(),
        max: beliefNumber(),
      }),
      z.strictObject({
        type: z.literal('normal'),
        mean: beliefNumber(),
        sd: beliefNumber(),
        min: beliefNumber().optional().describe('truncated below at this value'),
        max: beliefNumber().optional().describe('truncated above at this value'),
      }),
      z.strictObject({ type: z.literal('lognormal'), mean: beliefNumber(), sd: beliefNumber() }),
      z.strictObject({ type: z.literal('gamma'), mean: beliefNumber(), sd: beliefNumber() }),
      z.strictObject({
        type: z.literal('sample'),
        values: z
          .array(beliefNumber())
          .min(2)
          .describe(
            "equally likely values, such as draws from an estimate's sampling distribution; numbers sharing a draw name take the same member of their samples, so a joint sample keeps its correlation",
          ),
      }),
    ]),
  ])
  .describe(
    'What we believe the true value may be, drawn once a replication: { type: triangular, min, mode, max }, { type: uniform, min, max }, { type: normal, mean, sd, min?, max? }, { type: lognormal, mean, sd }, { type: gamma, mean, sd } or { type: sample, values } (members of a joint sample, taken together by numbers sharing a draw name); "triangular" or "uniform" to read low and high as that distribution; false to keep the number fixed even where uncertainty.ranges reads every low/high pair as a belief.',
  );
export type Belief = z.infer<typeof belief>;

const provenanceFields = {
  source: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Where the number comes from, e.g. "001 ¶11" (document 001, paragraph 11) or a named publication.',
    ),
  assumption: z
    .string()
    .min(20, { error: 'an assumption needs a sentence saying why (20 characters at least)' })
    .optional()
    .describe('The number is an assumption: a sentence saying why this value is reasonable.'),
  low: z.number().optional().describe('Low end of the plausible range, explored by sensitivity analysis.'),
  high: z.number().optional().describe('High end of the plausible range, explored by sensitivity analysis.'),
  uncertain: belief.optional(),
  draw: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Name of this number's draw: uncertain numbers with the same name are drawn once together (one draw, the same quantile of each belief). A number written once and reused through a YAML anchor or merge key gets one automatically; by default the name is the number's path.",
    ),
};

/** The object form of a number: `{ value, source | assumption, low?, high?, uncertain?, draw? }`. */
function withProvenance(num: z.ZodNumber) {
  return z.strictObject({ value: num, ...provenanceFields }).superRefine((p, ctx) => {
    if (p.source === undefined && p.assumption === undefined) {
      ctx.addIssue({ code: 'custom', message: 'give either "source" or "assumption" beside "value"' });
    }
    if (p.source !== undefined && p.assumption !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'give "source" or "assumption", not both (explain an adjusted source in the assumption)',
      });
    }
    if (p.low !== undefined && p.low > p.value) {
      ctx.addIssue({ code: 'custom', path: ['low'], message: `low (${p.low}) is above value (${p.value})` });
    }
    if (p.high !== undefined && p.high < p.value) {
      ctx.addIssue({
        code: 'custom',
        path: ['high'],
        message: `high (${p.high}) is below value (${p.value})`,
      });
    }
    const problem = beliefProblem(p, num);
    if (problem !== null) ctx.addIssue({ code: 'custom', path: ['uncertain'], message: problem });
  });
}

/**
 * The distribution a belief states about `p`, or null for none. A short form (`triangular`,
 * `uniform`) reads `low`/`high` (the caller checks they are there); `mode` defaults to the value.
 */
export function beliefDistribution(
  b: Belief | undefined,
  p: { value: number; low?: number | undefined; high?: number | undefined },
): Distribution | null {
  if (b === undefined || b === false) return null;
  const low = p.low ?? p.value;
  const high = p.high ?? p.value;
  if (b === 'triangular') return { type: 'triangular', min: low, mode: p.value, max: high };
  if (b === 'uniform') return { type: 'uniform', min: low, max: high };
  if (b.type === 'sample') {
    // For reports and checks: the sample's distribution (drawParameters takes members in order).
    const values = [...b.values].sort((x, y) => x - y);
    return {
      type: 'empirical',
      values,
      probabilities: values.map(() => 1 / values.length),
      interpolate: false,
    };
  }
  if (b.type === 'gamma') {
    // mean = k theta, sd^2 = k theta^2
    const shape = (b.mean / b.sd) ** 2;
    return { type: 'gamma', shape, scale: b.mean / shape };
  }
  if (b.type === 'normal') {
    return {
      type: 'normal',
      mean: b.mean,
      sd: b.sd,
      ...(b.min === undefined ? {} : { min: b.min }),
      ...(b.max === undefined ? {} : { max: b.max }),
    };
  }
  return b;
}

/** What is wrong with a number's belief, or null: a distribution that is possible, fits the number's own domain and holds its value. */
function beliefProblem(
  p: { value: number; low?: number | undefined; high?: number | undefined; uncertain?: Belief | undefined },
  num: z.ZodNumber,
): string | null {
  const b = p.uncertain;
  if (b === undefined || b === false) return null;
  if (typeof b === 'string' && (p.low === undefined || p.high === undefined))
    return `"${b}" reads low and high as a ${b} belief: give both`;
  if (typeof b === 'string' && !(p.low! < p.high!))
    return `"${b}" needs low below high, found low ${p.low} and high ${p.high}`;
  if (num.format === 'safeint') return 'a whole number cannot carry a belief (its draws would not be whole)';
  const d = beliefDistribution(b, p)!;
  const bad = validateDistribution(d);
  if (bad !== null) return bad;
  const lo = quantile(d, 0);
  const hi = quantile(d, 1);
  for (const [end, x] of [
    ['lowest', lo],
    ['highest', hi],
  ] as const) {
    // An unbounded end (a gamma's, a normal's) is checked as the largest finite number there is.
    const ok = num.safeParse(Number.isFinite(x) ? x : Math.sign(x) * Number.MAX_VALUE);
    if (!ok.success)
      return `the belief's ${end} value is ${x}, outside what this number allows (${ok.error.issues[0]?.message ?? 'invalid'}): truncate it (normal: min and max) or narrow it`;
  }
  if (p.value < lo || p.value > hi)
    return `the value (${p.value}) lies outside the belief (${fmt(lo)} to ${fmt(hi)}): a belief must hold the central value`;
  return null;
}

const fmt = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x));

/**
 * A numeric parameter: a bare number, or `{ value, source | assumption, low?, high? }`.
 * @param num the constraint on the value itself (e.g. `z.number().min(0)`)
 * @param description what the number means and its unit; flows into the JSON Schema
 */
export function param(num: z.ZodNumber, description: string) {
  return z.union([num, withProvenance(num)]).describe(description);
}

const finite = () => z.number({ error: (iss) => `expected a number, found ${describeInput(iss.input)}` });

/** Common numeric domains, each with an error message a strategist can act on. */
export const num = {
  nonNegative: () => finite().min(0, { error: 'expected a number of 0 or more' }),
  positive: () => finite().gt(0, { error: 'expected a number above 0' }),
  count: () =>
    finite()
      .int({ error: 'expected a whole number' })
      .min(0, { error: 'expected a whole number of 0 or more' }),
  positiveCount: () =>
    finite()
      .int({ error: 'expected a whole number' })
      .min(1, { error: 'expected a whole number of 1 or more' }),
  probability: () =>
    finite()
      .min(0, { error: 'expected a probability between 0 and 1' })
      .max(1, { error: 'expected a probability between 0 and 1' }),
  /** a yearly growth or inflation rate as a fraction: 0.05 is 5% a year; above -1 */
  rate: () => finite().gt(-1, { error: 'expected a yearly rate as a fraction above -1 (0.05 is 5%)' }),
  any: () => finite(),
};

/**
 * Growth per year: a single rate, or a year-by-year table with the rate that applies after it.
 * The table exists because a one-off rise (21% in 2023/24, 001 ¶11) is a fact about one year,
 * not a rate to compound for a decade.
 */
export const growth = (what: string) =>
  z
    .union([
      param(num.rate(), `${what}: a yearly rate (0.05 is 5% a year), applied every financial year.`),
      z.strictObject({
        byYear: z
          .record(financialYear, param(num.rate(), 'rate in that financial year'))
          .describe('Rates for named financial years, e.g. { "2023/24": 0.21 }.'),
        otherwise: param(num.rate(), 'rate in every financial year not in byYear'),
      }),
    ])
    .describe(`${what}: a yearly rate, or { byYear: { "2025/26": 0.1, ... }, otherwise: 0.03 }.`);

/** Describe an input value for an error message: `"three" (text)`, `an object`, `nothing`. */
export function describeInput(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}" (text)`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'a list';
  return 'an object';
}

export type Param = z.infer<ReturnType<typeof param>>;

/** The number inside a parameter, whether written bare or with provenance. */
export const val = (p: Param): number => (typeof p === 'number' ? p : p.value);
export type Growth = z.infer<ReturnType<typeof growth>>;
