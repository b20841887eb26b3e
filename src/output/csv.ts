/**
 * CSV, written and read in one place: every table caresim writes and the parsers that turn a
 * results folder's tables back into the rows charts and reports are drawn from.
 *
 * Results tables (resultsCsv) are UTF-8 with a byte-order mark, so that Excel on Windows reads
 * "£" and "é" as they are rather than as "Â£" (Excel takes a CSV without one to be in the
 * machine's code page), and their numbers are rounded to six significant figures (whole numbers
 * from 100,000 up): an average of replications is not known to fifteen figures, and a table of
 * 0.30000000000000004 is hard to read. Rounding is deterministic, so a merged run's tables stay
 * byte-identical to a single run's; exact values are kept in the binary raw file.
 */
import { parse } from 'csv-parse/sync';
import type { ModelCostRow, ReplicationSavingRow, ScenarioYearRow } from '../charts/compareInput.ts';
import type { IntervalColumns, StatRow } from '../charts/runCharts.ts';
import type { Row } from '../experiment/tables.ts';

/** RFC 4180 CSV, no byte-order mark: fields with a comma, quote or newline are quoted; numbers as given. */
export function csv(rows: readonly Row[]): string {
  const field = (v: string | number | null): string => {
    if (v === null) return '';
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
    return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return rows.map((r) => r.map(field).join(',')).join('\n') + '\n';
}

/** A number to the precision a results table shows: six significant figures, whole from 100,000 up. */
export function sensible(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x;
  const r = Math.abs(x) >= 1e5 ? Math.round(x) : Number(x.toPrecision(6));
  // No "-0" in a table.
  return r === 0 ? 0 : r;
}

/** The byte-order mark that tells Excel a CSV is UTF-8. */
export const BOM = '\ufeff';

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first), as
 * a model's name or label could begin: written with an apostrophe before it, as spreadsheets
 * expect of text that must stay text (OWASP's advice for CSV injection). Numbers are numbers.
 */
export function asText(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** A results table: RFC 4180, UTF-8 with a byte-order mark, numbers rounded by `sensible`, text kept text. */
export function resultsCsv(rows: readonly Row[]): string {
  return (
    BOM +
    csv(rows.map((r) => r.map((v) => (typeof v === 'number' ? sensible(v) : v === null ? v : asText(v)))))
  );
}

type CsvRecord = Record<string, string>;

/** The records of a CSV text with a header row, as column -> text. */
export const csvRecords = (csvText: string) =>
  parse(csvText, { columns: true, skip_empty_lines: true, bom: true }) as CsvRecord[];

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

/**
 * Parse periods.csv or years.csv (the period column is `month` or `year`). The charts, the reports
 * and the workbook each read a run's tables from its folder; the last two texts parsed are kept
 * (frozen rows, a new array each time), so a run's 15,000-row periods.csv is parsed once, not three
 * times.
 */
export function parseStatRows(csvText: string): StatRow[] {
  let rows = parsedStatRows.get(csvText);
  if (rows === undefined) {
    rows = csvRecords(csvText).map((r) =>
      Object.freeze({
        series: r.series!,
        label: r.label ?? r.series!,
        unit: r.unit!,
        period: r.month ?? r.year!,
        ...intervalColumns(r),
      }),
    );
    if (parsedStatRows.size >= 2) parsedStatRows.delete(parsedStatRows.keys().next().value!);
    parsedStatRows.set(csvText, rows);
  }
  return [...rows];
}
const parsedStatRows = new Map<string, StatRow[]>();

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
