/**
 * The history check: the figures the documents report (a stock of children on a date, a year's
 * cost, an average price in payment) beside what the model simulates for the same period, with the
 * spread across replications and a verdict. A model that cannot reproduce its own past has no
 * claim on its future; where it knowingly cannot, the model file says why (`note`).
 *
 * Verdict: "consistent" when the documented figure lies within the 5th to 95th percentiles of the
 * replications, or the simulated mean lies within the entry's tolerance of it (documents round:
 * "about £1.1m"); otherwise "not consistent". Pure: computed from a run's replications.
 */
import type { SeriesDefinition } from '../model/metrics.ts';
import type { CalendarS } from '../model/scenario.ts';
import type { HistoryEntry, ModelFile } from '../scenario/schema/model.ts';
import { val } from '../scenario/schema/primitives.ts';
import { summarise, type Summary } from '../stats/summary.ts';
import type { ReplicationSet } from './runner.ts';

export interface HistoryRow {
  label: string;
  /** When, as the model file says: 2017/18 or 2018-07. */
  period: string;
  documented: number;
  /** The documented figure's source, or the assumption behind reading it so. */
  source: string;
  /** The simulated value across replications. */
  simulated: Summary;
  tolerance: number;
  /** 'atLeast': the documents give a part of the simulated quantity. */
  compare: 'equal' | 'atLeast';
  /** What a match shows: the model was not fitted to the figure, was fitted to it, or is given it. */
  evidence: 'independent' | 'calibrated' | 'input';
  verdict: 'consistent' | 'not consistent';
  /** Why the model does not match, where the model file says. */
  note: string | null;
  unit: string;
}

/**
 * The months of a period: a financial year's, or one calendar month; none unless the horizon covers
 * the whole of it (a part-year total is no match for a documented year's).
 */
function monthsOf(cal: CalendarS, period: string): number[] {
  const out: number[] = [];
  if (period.includes('/')) {
    const y = cal.fyLabels.indexOf(period);
    for (let k = 0; k < cal.monthFy.length; k++) if (cal.monthFy[k] === y) out.push(k);
  } else {
    const k = cal.monthLabels.indexOf(period);
    if (k >= 0) out.push(k);
  }
  const b = cal.monthBreaks;
  const days = out.reduce((a, k) => a + b[k + 1]! - b[k]!, 0);
  const whole = period.includes('/') ? days >= 365 : days >= 28;
  return whole ? out : [];
}

/** The entry's value in one replication's monthly matrix. */
function valueIn(
  e: HistoryEntry,
  monthly: Float64Array,
  defs: readonly SeriesDefinition[],
  cal: CalendarS,
  months: readonly number[],
): number {
  const M = cal.monthFy.length;
  const b = cal.monthBreaks;
  const days = months.reduce((a, k) => a + b[k + 1]! - b[k]!, 0);
  const row = (name: string) => {
    const r = defs.findIndex((d) => d.name === name);
    if (r < 0) throw new Error(`the history check names no series "${name}"`);
    return r;
  };
  // A count or cost: its sum over the months; a level: its mean over the days (or its area).
  const of = (names: readonly string[] | undefined, area: boolean) => {
    let x = 0;
    for (const name of names ?? []) {
      const r = row(name);
      const level = defs[r]!.aggregation !== 'sum';
      for (const k of months) {
        const v = monthly[r * M + k]!;
        x += level ? (v * (b[k + 1]! - b[k]!)) / (area ? 1 : days) : v;
      }
    }
    return x;
  };
  let x = of(e.series, false) - of(e.less, false);
  if (e.perChildWeek) x /= (of(e.perChildWeek.series, true) - of(e.perChildWeek.less, true)) / 7;
  if (e.deflate) {
    // A price index is constant within a financial year: the months' own (day-weighted).
    const index = e.deflate === 'inHouse' ? cal.inHouseIndex : cal.externalIndex;
    x /= months.reduce((a, k) => a + index[k]! * (b[k + 1]! - b[k]!), 0) / days;
  }
  return x;
}

/**
 * The history check of a run: an empty list when the model gives none. An entry whose period the
 * run's horizon does not wholly cover (one shortened by --years, a part year at a mid-year start)
 * is left out.
 */
export function historyCheck(set: ReplicationSet): HistoryRow[] {
  const model: ModelFile = set.prepared.model;
  return (model.history ?? []).flatMap((e) => {
    const months = monthsOf(set.calendar, e.in);
    if (months.length === 0) return [];
    const values = Array.from({ length: set.matrices.count }, (_, k) =>
      valueIn(e, set.matrices.at(k), set.defs, set.calendar, months),
    );
    const simulated = summarise(values);
    const documented = val(e.documented);
    const within =
      e.compare === 'atLeast'
        ? simulated.mean >= documented * (1 - e.tolerance)
        : (simulated.p5 <= documented && documented <= simulated.p95) ||
          Math.abs(simulated.mean - documented) <= e.tolerance * Math.abs(documented);
    const d = e.documented;
    const row: HistoryRow = {
      label: e.label,
      period: e.in,
      documented,
      source: typeof d === 'number' ? '' : (d.source ?? d.assumption ?? ''),
      simulated,
      tolerance: e.tolerance,
      compare: e.compare,
      evidence: e.evidence,
      verdict: within ? 'consistent' : 'not consistent',
      note: e.note ?? null,
      unit: e.perChildWeek ? '£ a week' : (set.defs.find((x) => x.name === e.series[0])?.unit ?? ''),
    };
    return [row];
  });
}
