/**
 * The results of a run as tables: the summary of every headline metric, each series by month
 * and by financial year (mean, interval, percentiles across replications), and one row per
 * replication. Pure functions of the replication set: the same replications give the same
 * tables, byte for byte, whatever the worker count.
 */
import { summarise, summariseRatio, type Summary } from '../stats/summary.ts';
import {
  headlineDefinitions,
  headlineValues,
  ratioParts,
  ReplicationView,
  type HeadlineDefinition,
} from './headline.ts';
import { historyCheck, type HistoryRow } from './history.ts';
import type { ReplicationSet } from './runner.ts';
import { toFinancialYears } from './years.ts';

export interface MetricSummary extends Summary {
  label: string;
  unit: string;
  /** Set for a ratio, whose mean and interval are those of the ratio of totals (summariseRatio). */
  estimator?: 'ratioOfTotals';
}

/** A row of a table: the header row names the columns, the others hold text, numbers or blanks. */
export type Row = readonly (string | number | null)[];

export interface RunTables {
  heads: HeadlineDefinition[];
  /** Headline values, one row per replication (aligned with set.reps). */
  perRep: Float64Array[];
  summary: Record<string, MetricSummary>;
  /** Every series by month, then by financial year: mean, interval and percentiles (periods.csv, years.csv). */
  periods: Row[];
  years: Row[];
  /** The headline values of each replication (replications.csv). */
  replications: Row[];
  /** The documented figures beside the simulated ones (history.json; empty when the model gives none). */
  history: HistoryRow[];
}

/** Build every table of a run. */
export function buildTables(set: ReplicationSet): RunTables {
  const heads = headlineDefinitions(set.defs, set.calendar);
  const n = set.monthly.length;
  // Numerators and denominators of the ratio headlines, by headline then replication.
  const parts = new Map(
    heads.filter((h) => h.ratio).map((h) => [h.key, { num: new Float64Array(n), den: new Float64Array(n) }]),
  );
  const perRep = set.monthly.map((m, r) => {
    const view = new ReplicationView(m, set.defs, set.calendar);
    for (const [key, p] of parts) [p.num[r], p.den[r]] = ratioParts(view, key);
    return headlineValues(view, heads);
  });
  const summary: Record<string, MetricSummary> = {};
  heads.forEach((h, i) => {
    const p = parts.get(h.key);
    summary[h.key] = {
      label: h.label,
      unit: h.unit,
      ...(p ? summariseRatio(p.num, p.den) : summarise(perRep.map((r) => r[i]!))),
    };
  });
  return {
    heads,
    perRep,
    summary,
    periods: seriesRows(set, 'month', set.calendar.monthLabels, set.monthly, set.months),
    years: seriesRows(
      set,
      'year',
      set.calendar.fyLabels,
      set.monthly.map((m) => toFinancialYears(m, set.defs, set.calendar)),
      set.calendar.fyLabels.length,
    ),
    replications: [
      ['replication', ...heads.map((h) => h.key)],
      ...perRep.map((r, i) => [set.reps[i]!, ...Array.from(r)]),
    ],
    history: historyCheck(set),
  };
}

const STAT_COLUMNS = ['mean', 'ciLow', 'ciHigh', 'p5', 'p25', 'p50', 'p75', 'p95'] as const;

function seriesRows(
  set: ReplicationSet,
  periodName: string,
  labels: readonly string[],
  matrices: Float64Array[],
  n: number,
): Row[] {
  const rows: Row[] = [['series', 'label', 'unit', periodName, ...STAT_COLUMNS]];
  const reps = matrices.length;
  // A series' periods by replication, read from each replication's matrix as one contiguous run
  // (reading period by period across replications touched a cache line per replication per value).
  const block = new Float64Array(n * reps);
  set.defs.forEach((d, r) => {
    for (let i = 0; i < reps; i++) {
      const m = matrices[i]!;
      for (let k = 0; k < n; k++) block[k * reps + i] = m[r * n + k]!;
    }
    for (let k = 0; k < n; k++) {
      const s = summarise(block.subarray(k * reps, (k + 1) * reps));
      rows.push([d.name, d.label, d.unit, labels[k]!, ...STAT_COLUMNS.map((c) => s[c])]);
    }
  });
  return rows;
}
