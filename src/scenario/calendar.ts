/**
 * Calendar arithmetic on UTC dates: simulated time is days from the model's start date,
 * reports speak of months and financial years (April to March in the UK).
 */

const MS_PER_DAY = 86_400_000;

/** Parse `YYYY-MM-DD` as midnight UTC. */
export function parseDate(s: string): Date {
  return new Date(`${s}T00:00:00Z`);
}

/** The date `years` whole years after `d` (29 February rolls to 1 March). */
export function addYears(d: Date, years: number): Date {
  const out = new Date(d);
  out.setUTCFullYear(d.getUTCFullYear() + Math.trunc(years));
  const frac = years - Math.trunc(years);
  return frac === 0 ? out : new Date(out.getTime() + frac * 365.2425 * MS_PER_DAY);
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

/** Financial-year label such as `2025/26` for the year starting in calendar year `y`. */
export function fyLabel(y: number): string {
  return `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
}
