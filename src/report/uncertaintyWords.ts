/**
 * How every report and printed table names its two kinds of interval, in one place.
 *
 * - The range of outcomes: the 5th to 95th percentile across replications, each a possible
 *   future (a draw of every uncertain parameter and a run of chance). Nine in ten simulated
 *   futures fall inside it. This is what a decision rests on; more replications do not shrink it.
 * - The simulation error of the average: the 95% confidence interval of the mean across
 *   replications (Monte Carlo error). It says how precisely the replications have estimated the
 *   average, and shrinks as replications are added.
 *
 * Findings lead with the first and give the second after it, as the GOV.UK Analysis Function's
 * guidance on communicating uncertainty asks: say what the uncertainty is and where it comes
 * from, in words and numbers, and do not let a precise-looking average stand alone.
 */
import type { UncertainRecord } from '../scenario/beliefs.ts';
import type { IntervalColumns } from '../charts/runCharts.ts';
import { wilsonInterval } from '../stats/proportion.ts';
import { formatValue } from './textTable.ts';
import { fromTo, withUnit, type FieldUnit } from '../scenario/fieldUnit.ts';

/** An uncertain parameter as a report reads it from a manifest (the belief in words). */
export type UncertainShown = Omit<UncertainRecord, 'belief'>;

/** The column headings of the two intervals in every table. */
export const RANGE_HEADING = 'range of outcomes (5th to 95th percentile)';
export const MC_HEADING = 'simulation error of the average (95% interval)';

/** "£0.95m to £3.76m" */
export const rangeOf = (m: Pick<IntervalColumns, 'p5' | 'p95'>, unit: string): string =>
  `${formatValue(m.p5, unit)} to ${formatValue(m.p95, unit)}`;

/** "£2.3m to £2.5m", or '' with one replication. */
export const mcIntervalOf = (m: Pick<IntervalColumns, 'ciLow' | 'ciHigh'>, unit: string): string =>
  m.ciLow === null || m.ciHigh === null
    ? ''
    : `${formatValue(m.ciLow, unit)} to ${formatValue(m.ciHigh, unit)}`;

/** "±£0.1m": the half-width of the mean's interval, in the value's unit. */
export function mcErrorOf(m: Pick<IntervalColumns, 'ciLow' | 'ciHigh'>, unit: string): string {
  if (m.ciLow === null || m.ciHigh === null) return '';
  const half = (m.ciHigh - m.ciLow) / 2;
  // The error of a share is a difference of shares: ±0.3 percentage points, not ±0.3% (of it).
  if (unit === 'share') return `±${(half * 100).toFixed(1)} percentage points`;
  return `±${formatValue(half, unit)}`;
}

/**
 * A value for a sentence, range of outcomes first: "2.4 (range of outcomes 1.9 to 3.0; the
 * average to within ±0.1)". A ratio estimated from totals has no percentiles of its own worth
 * quoting beside it, so it gives only what it has.
 */
export function valueWithIntervals(m: IntervalColumns, unit: string): string {
  const mc = mcErrorOf(m, unit);
  return `${formatValue(m.mean, unit)} (range of outcomes ${rangeOf(m, unit)}${mc ? `; average to within ${mc}` : ''})`;
}

/** A table cell with both: "£2.4m; £0.95m to £3.76m; ±£0.1m" is too dense, so: "£2.4m (£0.95m to £3.76m)". */
export const meanWithRange = (m: IntervalColumns, unit: string): string =>
  `${formatValue(m.mean, unit)} (${rangeOf(m, unit)})`;

/** The simulation error of a chance estimated from n replications (Wilson 95% interval). */
export const proportionInterval = wilsonInterval;

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** "47% of replications (simulation error 40% to 54%)" */
export function chanceWithError(p: number, n: number): string {
  const { low, high } = proportionInterval(p, n);
  return `${pct(p)} of replications (simulation error ${pct(low)} to ${pct(high)})`;
}

/** "about 1 in 2": a chance in words, for a finding's lead (GOV.UK: words with the number). */
export function chanceInWords(p: number): string {
  if (p >= 0.995) return 'almost certain';
  if (p <= 0.005) return 'almost no chance';
  if (p >= 0.9) return `very likely (about ${Math.round(p * 10)} in 10)`;
  if (p >= 0.6) return `likely (about ${Math.round(p * 10)} in 10)`;
  if (p > 0.4) return 'about as likely as not';
  if (p > 0.1) return `unlikely (about ${Math.max(1, Math.round(p * 10))} in 10)`;
  return `very unlikely (about ${Math.max(1, Math.round(p * 100))} in 100)`;
}

/**
 * What the two intervals are, for the paragraph that opens a report's findings: how many
 * replications, what the range of outcomes includes, and that more replications shrink only the
 * simulation error.
 */
export function intervalsExplained(replications: number, uncertain: readonly UncertainShown[]): string {
  const what =
    uncertain.length === 0
      ? 'It reflects chance alone (which children are referred, how long they stay, which placements break down): every parameter was held at its central value, so it leaves out what we do not know about the numbers themselves and understates the real uncertainty.'
      : `It includes what we do not know about ${uncertain.length} of the model's numbers (each drawn from the belief listed under "Uncertain parameters") as well as chance (which children are referred, how long they stay, which placements break down).`;
  return `How to read the numbers. Each of the ${replications} replications is one possible future. The range of outcomes is the 5th to 95th percentile across them: nine in ten simulated futures fell inside it. ${what} The simulation error of an average (±, or a 95% interval) says only how precisely ${replications} replications have estimated that average; more replications shrink it, but not the range of outcomes.`;
}

/**
 * The table of uncertain parameters a report shows: one row per draw, so that a number shared
 * through an anchor by twenty fields is one row naming how many share it.
 */
export function uncertainTable(
  uncertain: readonly UncertainShown[],
  label: (field: string) => string,
  unitOf: (field: string) => FieldUnit = () => '',
): { header: string[]; rows: string[][]; notes: string[] } {
  const draws = new Map<string, UncertainShown[]>();
  for (const u of uncertain) draws.set(u.draw, [...(draws.get(u.draw) ?? []), u]);
  const rows = [...draws.values()].map((us) => {
    const u = us.find((x) => !x.field.startsWith('x-')) ?? us[0]!;
    const more = us.length - 1;
    const unit = unitOf(u.field);
    return {
      row: [
        `${label(u.field)}${more > 0 ? ` and ${more} more sharing it` : ''}`,
        withUnit(u.value, unit),
        u.description,
        fromTo(withUnit(u.p5, unit), withUnit(u.p95, unit)),
      ],
      // The field path, small under the name, as in the assumptions.
      note: more > 0 ? `${u.field} (one draw, ${u.draw}, for ${us.length} fields)` : u.field,
    };
  });
  return {
    header: ['Parameter', 'Central value', 'Belief', '5th to 95th percentile'],
    rows: rows.map((r) => r.row),
    notes: rows.map((r) => r.note),
  };
}
