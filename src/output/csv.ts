/**
 * CSV, written and read in one place: every table caresim writes (RFC 4180, numbers at full
 * precision, so that reading a file back gives the very numbers written) and the parsers that
 * turn a results folder's tables back into the rows charts and reports are drawn from.
 */
import { parse } from 'csv-parse/sync';
import type { ModelCostRow, ReplicationSavingRow, ScenarioYearRow } from '../charts/compareInput.ts';
import type { IntervalColumns, StatRow } from '../charts/runCharts.ts';
import type { Row } from '../experiment/tables.ts';

/** RFC 4180 CSV: fields with a comma, quote or newline are quoted; numbers at full precision. */
export function csv(rows: readonly Row[]): string {
  const field = (v: string | number | null): string => {
    if (v === null) return '';
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
    return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return rows.map((r) => r.map(field).join(',')).join('\n') + '\n';
}

type CsvRecord = Record<string, string>;

/** The records of a CSV text with a header row, as column -> text. */
export const csvRecords = (csvText: string) =>
  parse(csvText, { columns: true, skip_empty_lines: true }) as CsvRecord[];

const numOrNull = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));

const intervalColumns = (r: CsvRecord): IntervalColumns => ({
  mean: Number(r.mean),
  ciLow: numOrNull(r.ciLow),
  ciHigh: numOrNull(r.ciHigh),
  p5: Number(r.p5),
  p25: Number(r.p25),
  p50: Number(r.p50),
  p75: Number(r.p75),
  p95: Number(r.p95),
});

/** Parse periods.csv or years.csv (the period column is `month` or `year`). */
export function parseStatRows(csvText: string): StatRow[] {
  return csvRecords(csvText).map((r) => ({
    series: r.series!,
    label: r.label ?? r.series!,
    unit: r.unit!,
    period: r.month ?? r.year!,
    ...intervalColumns(r),
  }));
}

/** Parse compare-costs.csv. */
export function parseModelCostRows(csvText: string): ModelCostRow[] {
  return csvRecords(csvText).map((r) => ({ model: r.model!, year: r.year!, ...intervalColumns(r) }));
}

/**
 * Parse compare-years.csv.
 * @throws Error on a measure other than saving or cumulativeNetSaving
 */
export function parseScenarioYearRows(csvText: string): ScenarioYearRow[] {
  return csvRecords(csvText).map((r) => {
    const measure = r.measure;
    if (measure !== 'saving' && measure !== 'cumulativeNetSaving')
      throw new Error(`compare-years.csv: unknown measure "${measure}"`);
    return { scenario: r.scenario!, measure, year: r.year!, ...intervalColumns(r) };
  });
}

/** Parse compare-replications.csv, keeping the revenue savings by financial year. */
export function parseReplicationSavingRows(csvText: string): ReplicationSavingRow[] {
  return csvRecords(csvText).map((r) => {
    const savingByYear: Record<string, number> = {};
    for (const [k, v] of Object.entries(r))
      if (k.startsWith('saving.')) savingByYear[k.slice('saving.'.length)] = Number(v);
    return { scenario: r.scenario!, replication: Number(r.replication), savingByYear };
  });
}
