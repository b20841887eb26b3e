/**
 * Monthly results -> financial years. A level's yearly value is its day-weighted mean over
 * the year's months (a time average); an end-of-period level takes the year's last month; a
 * count or cost adds up. Pure functions over the result matrix of one replication.
 */
import type { SeriesDefinition } from '../model/metrics.ts';
import type { CalendarS } from '../model/scenario.ts';

/**
 * Aggregate one replication's monthly matrix (rows: series, row-major by month) into
 * financial years: returns a matrix with one row per series and one column per year. Given a
 * range of series [r0, r1), `monthly` holds just their rows, and so does the result.
 */
export function toFinancialYears(
  monthly: Float64Array,
  defs: readonly SeriesDefinition[],
  cal: CalendarS,
  r0 = 0,
  r1 = defs.length,
): Float64Array {
  const months = cal.monthFy.length;
  const years = cal.fyLabels.length;
  const out = new Float64Array((r1 - r0) * years);
  const days = new Float64Array(years);
  for (let k = 0; k < months; k++) days[cal.monthFy[k]!]! += cal.monthBreaks[k + 1]! - cal.monthBreaks[k]!;
  for (let r = 0; r < r1 - r0; r++) {
    const agg = defs[r0 + r]!.aggregation;
    for (let k = 0; k < months; k++) {
      const y = cal.monthFy[k]!;
      const v = monthly[r * months + k]!;
      const o = r * years + y;
      if (agg === 'sum') out[o]! += v;
      else if (agg === 'end') out[o] = v;
      else out[o]! += (v * (cal.monthBreaks[k + 1]! - cal.monthBreaks[k]!)) / days[y]!;
    }
  }
  return out;
}
