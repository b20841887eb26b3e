/**
 * Building blocks of the model-file schema: numbers that carry their provenance,
 * identifiers, dates, financial years and growth rates.
 *
 * Why a number may be an object: every parameter in a model file should say where it
 * came from, either a source in the council documents (`001 ¶11`) or an explicit
 * assumption with its reason. `{ value, source }` / `{ value, assumption }` carry that
 * beside the number, and optional `low`/`high` give the range the sensitivity analysis
 * explores. A bare number is still accepted (for quick experiments and verification
 * models); `caresim validate --provenance` lists which numbers carry none.
 */
import { z } from 'zod';

/** Identifier of a cohort, home or destination: used as a map key in the model file. */
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
};

/** The object form of a number: `{ value, source | assumption, low?, high? }`. */
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
  });
}

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
