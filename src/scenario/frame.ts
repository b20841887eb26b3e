/**
 * The calendar frame of a horizon: its reporting months, financial years and the months the
 * arrival rates are set by. A pure function of the start, the years, the warm-up and the month
 * the financial year starts, none of which a belief draws; kept because a model with beliefs is
 * normalised once a replication, and building the frame's dates and labels was a tenth of that.
 */
import {
  addYears,
  daysBetween,
  financialYearOf,
  financialYearStart,
  horizonYears,
  isoDay,
  monthBoundaries,
  MS_PER_DAY,
  parseDate,
} from '../engine/calendar.ts';
import type { CalendarS } from '../model/scenario.ts';

/** The frame: the reporting calendar's months and years (as CalendarS has them), and more. */
export interface Frame extends Pick<CalendarS, 'monthBreaks' | 'monthLabels' | 'monthFy' | 'fyLabels'> {
  readonly start: Date;
  readonly end: Date;
  readonly horizonDays: number;
  /** The financial year (by its starting calendar year) the start falls in. */
  readonly firstFy: number;
  readonly fyCount: number;
  /** Arrival months, from the start of any warm-up: boundaries, financial year and calendar month (0-11) of each. */
  readonly arrivalBreaks: Float64Array;
  readonly arrivalFy: Int32Array;
  readonly arrivalMonth: Int32Array;
  /** Start day of each financial year from `vintageYearsBefore` years before the first to the year after the last. */
  readonly vintageYears: readonly number[];
  readonly fyStartDays: Float64Array;
}

const frames = new Map<string, Frame>();

/**
 * The frame of a horizon. Callers must not change its arrays: frames are shared.
 * @param start ISO date of the model's start.
 */
export function frameOf(
  start: string,
  years: number,
  warmupDays: number,
  fyMonth: number,
  vintageYearsBefore: number,
): Frame {
  const key = `${start}|${years}|${warmupDays}|${fyMonth}|${vintageYearsBefore}`;
  let f = frames.get(key);
  if (f === undefined) {
    if (frames.size >= 16) frames.clear();
    f = buildFrame(parseDate(start), years, warmupDays, fyMonth, vintageYearsBefore);
    frames.set(key, f);
  }
  return f;
}

function buildFrame(
  start: Date,
  years: number,
  warmupDays: number,
  fyMonth: number,
  vintageYearsBefore: number,
): Frame {
  const end = addYears(start, years);
  const fyOf = (d: Date) => financialYearOf(d, fyMonth);
  const firstFy = fyOf(start);
  const months = monthBoundaries(start, end);
  const nMonths = months.length - 1;
  const fys = horizonYears(start, years, fyMonth);
  const arrivalMonths = monthBoundaries(new Date(start.getTime() - warmupDays * MS_PER_DAY), end);
  const vintageYears = Array.from(
    { length: vintageYearsBefore + fys.count + 1 },
    (_, i) => firstFy - vintageYearsBefore + i,
  );
  return {
    start,
    end,
    horizonDays: daysBetween(start, end),
    firstFy,
    monthBreaks: Float64Array.from(months, (d) => daysBetween(start, d)),
    monthLabels: months.slice(0, nMonths).map((d) => isoDay(d).slice(0, 7)),
    monthFy: Int32Array.from({ length: nMonths }, (_, k) => fyOf(months[k]!) - firstFy),
    fyLabels: fys.labels,
    fyCount: fys.count,
    arrivalBreaks: Float64Array.from(arrivalMonths, (d) => daysBetween(start, d)),
    arrivalFy: Int32Array.from(arrivalMonths, (d) => fyOf(d)),
    arrivalMonth: Int32Array.from(arrivalMonths, (d) => d.getUTCMonth()),
    vintageYears,
    fyStartDays: Float64Array.from(vintageYears, (fy) => daysBetween(start, financialYearStart(fy, fyMonth))),
  };
}
