/**
 * The one calendar: simulated time is days from a model's start date; results speak of months
 * and financial years (April to March in the UK, or from any month a model sets). Every year
 * length, financial-year rule and label in caresim comes from here. Dates are UTC throughout,
 * so a run gives the same days in every time zone.
 */

/** Days in a year: the mean Gregorian year, so rates per year and per day convert exactly over centuries. */
export const DAYS_PER_YEAR = 365.2425;

export const MS_PER_DAY = 86_400_000;

/** Parse `YYYY-MM-DD` as midnight UTC. */
export function parseDate(s: string): Date {
  return new Date(`${s}T00:00:00Z`);
}

/** The date `years` whole years after `d` (29 February rolls to 1 March); a fraction adds mean-year days. */
export function addYears(d: Date, years: number): Date {
  const out = new Date(d);
  out.setUTCFullYear(d.getUTCFullYear() + Math.trunc(years));
  const frac = years - Math.trunc(years);
  return frac === 0 ? out : new Date(out.getTime() + frac * DAYS_PER_YEAR * MS_PER_DAY);
}

/** The date `months` calendar months after `d`. */
export function addMonths(d: Date, months: number): Date {
  const out = new Date(d);
  out.setUTCMonth(d.getUTCMonth() + months);
  return out;
}

/** Days from `from` to `to` (fractional if the times of day differ). */
export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / MS_PER_DAY;
}

/** `YYYY-MM-DD` of a date. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The day before a date (for "by 1 April 2028": the year ending 31 March 2028). */
export function dayBefore(d: Date): Date {
  return new Date(d.getTime() - MS_PER_DAY);
}

/** Financial-year label such as `2025/26` for the year starting in calendar year `y`. */
export function fyLabel(y: number): string {
  return `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
}

/** The calendar year in which the financial year containing `d` starts (`startMonth` 1-12). */
export function financialYearOf(d: Date, startMonth: number): number {
  const y = d.getUTCFullYear();
  return d.getUTCMonth() + 1 >= startMonth ? y : y - 1;
}

/** The first day of the financial year starting in calendar year `fy`. */
export function financialYearStart(fy: number, startMonth: number): Date {
  return new Date(Date.UTC(fy, startMonth - 1, 1));
}

/** The last day of the financial year starting in calendar year `fy`, as `YYYY-MM-DD`. */
export function financialYearEnd(fy: number, startMonth: number): string {
  return isoDay(dayBefore(financialYearStart(fy + 1, startMonth)));
}

/**
 * Years from the start of the financial year `firstFy` to `end`: whole financial years, and of
 * the year `end` falls in, the fraction of its days before `end` (so a horizon ending with a
 * financial year gives a whole number, whatever the leap days).
 */
export function financialYearsTo(end: Date, firstFy: number, startMonth: number): number {
  const fy = financialYearOf(dayBefore(end), startMonth);
  const from = financialYearStart(fy, startMonth);
  const to = financialYearStart(fy + 1, startMonth);
  return fy - firstFy + daysBetween(from, end) / daysBetween(from, to);
}

/** The English name of month `m` (1-12), for sentences such as "April to March". */
export function monthName(m: number): string {
  return MONTH_NAMES[m - 1]!;
}
const MONTH_NAMES =
  'January February March April May June July August September October November December'.split(' ');

/** A horizon's financial years: from `start`, for `years` years, years starting in `startMonth`. */
export interface HorizonYears {
  /** Calendar year in which the first financial year starts. */
  readonly first: number;
  /** How many financial years the horizon touches (the first and last may be partial). */
  readonly count: number;
  readonly labels: readonly string[];
}

export function horizonYears(start: Date, years: number, startMonth: number): HorizonYears {
  const first = financialYearOf(start, startMonth);
  const last = financialYearOf(new Date(addYears(start, years).getTime() - 1), startMonth);
  const count = last - first + 1;
  return { first, count, labels: Array.from({ length: count }, (_, k) => fyLabel(first + k)) };
}

/**
 * The index, within a horizon starting in financial year `firstFy`, of the financial year that
 * ends by `by` (the year containing the day before it): a target "by 1 April 2028" is tested in
 * the year ending 31 March 2028.
 */
export function fyIndexEndingBy(by: string, startMonth: number, firstFy: number): number {
  return financialYearOf(dayBefore(parseDate(by)), startMonth) - firstFy;
}

/** Calendar-month starts (the 1st of each month) strictly between two dates, plus both ends. */
export function monthBoundaries(from: Date, to: Date): Date[] {
  const out = [from];
  let d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  while (d < to) {
    out.push(d);
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  }
  out.push(to);
  return out;
}
