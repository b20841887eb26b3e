/**
 * The demand a model asks for, by arithmetic rather than simulation: its financial years,
 * expected referrals a year and, by Little's law, children needing a placement at once. For the
 * validate summary, and for the check that a model's size is one a run can bear.
 */
import {
  DAYS_PER_YEAR,
  financialYearOf,
  horizonYears as calendarYears,
  parseDate,
} from '../engine/calendar.ts';
import { indexFor, meanDays } from './rates.ts';
import { val } from './schema/distributions.ts';
import type { ModelFile } from './schema/model.ts';

/** The financial years of the horizon, as calendar years in which each starts. */
export function horizonYears(m: ModelFile): number[] {
  const { first, count } = calendarYears(
    parseDate(m.time.start),
    val(m.time.years),
    m.time.financialYearStartMonth,
  );
  return Array.from({ length: count }, (_, i) => first + i);
}

/** Expected referrals of a cohort in a financial year (seasonality averages out over a year). */
export function expectedReferrals(m: ModelFile, cohortId: string, fy: number): number {
  const c = m.cohorts[cohortId]!;
  const baseFy = financialYearOf(parseDate(m.time.start), m.time.financialYearStartMonth);
  return val(c.referrals.perYear) * indexFor(c.referrals.growth, baseFy, fy);
}

/**
 * Expected children of a cohort needing a placement at once in a financial year, by Little's
 * law (referrals a year x mean stay in years). No capacity limit; ignores ageing and time
 * added by breakdowns: a check on demand, not a forecast.
 */
export function expectedStock(m: ModelFile, cohortId: string, fy: number): number {
  return (expectedReferrals(m, cohortId, fy) * meanDays(m.cohorts[cohortId]!.pathway.stay)) / DAYS_PER_YEAR;
}
