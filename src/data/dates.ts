/**
 * Dates in a 903 return: written dd/mm/yyyy, held as whole days since 1 January 1970 (UTC), so
 * that durations are differences and no time zone can move a day.
 */

/** A day number from dd/mm/yyyy (one-digit day and month accepted, as Excel writes them), or null. */
export function parseUkDate(text: string): number | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // 31/02/2024 rolls over to March in Date.UTC: refuse it.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(ms / 86_400_000);
}

/** dd/mm/yyyy of a day number. */
export function ukDate(day: number): string {
  const d = new Date(day * 86_400_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** yyyy-mm-dd of a day number. */
export const isoOfDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** The day number of a yyyy-mm-dd date. */
export const dayOfIso = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/** The day number of day d of month m (1-12) of year y. */
export const dayOf = (y: number, m: number, d: number): number =>
  Math.round(Date.UTC(y, m - 1, d) / 86_400_000);

/** The collection year (1 April to 31 March, named by its start) holding a day. */
export function collectionYearOf(day: number): number {
  const d = new Date(day * 86_400_000);
  return d.getUTCMonth() >= 3 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
}

/** First and last day of a collection year. */
export const collectionYearStart = (y: number): number => dayOf(y, 4, 1);
export const collectionYearEnd = (y: number): number => dayOf(y + 1, 3, 31);

/** Age in years (fractional, by days of a mean year) on a day. */
export const ageOn = (birth: number, day: number): number => (day - birth) / 365.2425;

/** The day of the n-th birthday (29 February births have it on 1 March in common years, as UK law reads it). */
export function birthday(birth: number, n: number): number {
  const d = new Date(birth * 86_400_000);
  return dayOf(d.getUTCFullYear() + n, d.getUTCMonth() + 1, d.getUTCDate());
}
