/**
 * The results of a run as tables: the summary of every headline metric, each series by month
 * and by financial year (mean, interval, percentiles across replications), and one row per
 * replication. Pure functions of the replication set: the same replications give the same
 * tables, byte for byte, whatever the worker count.
 */
import { summarise, type Summary } from '../stats/summary.ts';
import { headlineDefinitions, headlineValues, ReplicationView, type HeadlineDefinition } from './headline.ts';
import type { ReplicationSet } from './runner.ts';
import { toFinancialYears } from './years.ts';

/** Version of the results files' format; bump when a field changes meaning. */
export const RESULTS_FORMAT = 'caresim-results/1';

export interface MetricSummary extends Summary {
  label: string;
  unit: string;
}

export interface RunTables {
  heads: HeadlineDefinition[];
  /** Headline values, one row per replication (aligned with set.reps). */
  perRep: Float64Array[];
  summary: Record<string, MetricSummary>;
  periodsCsv: string;
  yearsCsv: string;
  replicationsCsv: string;
}

/** Build every table of a run. */
export function buildTables(set: ReplicationSet): RunTables {
  const heads = headlineDefinitions(set.defs, set.calendar);
  const perRep = set.monthly.map((m) =>
    headlineValues(new ReplicationView(m, set.defs, set.calendar), heads),
  );
  const summary: Record<string, MetricSummary> = {};
  heads.forEach((h, i) => {
    summary[h.key] = { label: h.label, unit: h.unit, ...summarise(perRep.map((r) => r[i]!)) };
  });
  return {
    heads,
    perRep,
    summary,
    periodsCsv: seriesCsv(set, 'month', set.calendar.monthLabels, set.monthly, set.months),
    yearsCsv: seriesCsv(
      set,
      'year',
      set.calendar.fyLabels,
      set.monthly.map((m) => toFinancialYears(m, set.defs, set.calendar)),
      set.calendar.fyLabels.length,
    ),
    replicationsCsv: csv([
      ['replication', ...heads.map((h) => h.key)],
      ...perRep.map((r, i) => [set.reps[i]!, ...Array.from(r)]),
    ]),
  };
}

const STAT_COLUMNS = ['mean', 'ciLow', 'ciHigh', 'p5', 'p25', 'p50', 'p75', 'p95'] as const;

function seriesCsv(
  set: ReplicationSet,
  periodName: string,
  labels: readonly string[],
  matrices: Float64Array[],
  n: number,
): string {
  const rows: (string | number | null)[][] = [['series', 'label', 'unit', periodName, ...STAT_COLUMNS]];
  const values = new Float64Array(matrices.length);
  set.defs.forEach((d, r) => {
    for (let k = 0; k < n; k++) {
      for (let i = 0; i < matrices.length; i++) values[i] = matrices[i]![r * n + k]!;
      const s = summarise(values);
      rows.push([d.name, d.label, d.unit, labels[k]!, ...STAT_COLUMNS.map((c) => s[c])]);
    }
  });
  return csv(rows);
}

/** RFC 4180 CSV: fields with a comma, quote or newline are quoted; numbers at full precision. */
export function csv(rows: readonly (readonly (string | number | null)[])[]): string {
  const field = (v: string | number | null): string => {
    if (v === null) return '';
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
    return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return rows.map((r) => r.map(field).join(',')).join('\n') + '\n';
}
